package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.RunEvent;
import dev.cairn.RunView;
import java.util.HashMap;
import java.util.Map;

/**
 * The live view of one run: what {@link RunWatcher} learns (snapshots of the run from GetRun, its events from
 * WatchRun) and how it is shown, redrawn in place ({@link AnsiWatchView}) or one line per change
 * ({@link PlainWatchView}). Used by one thread.
 */
abstract class WatchView {
  final Output output;
  /** The child runs each step waits for (from its STEP_WAITING events). */
  final Map<String, Integer> childrenByStep = new HashMap<>();
  RunView run;

  WatchView(Output output) {
    this.output = output;
  }

  /** A new snapshot of the run. */
  final void update(RunView latest) {
    RunView previous = run;
    run = latest;
    changed(previous, latest);
  }

  /** An event of the run's log, in order, each once. */
  final void event(RunEvent event) {
    if ("STEP_WAITING".equals(event.type()) && event.payloadJson() != null) {
      JsonNode children = Inputs.parse("event payload", event.payloadJson()).path("children");
      if (children.isIntegralNumber()) {
        childrenByStep.put(event.stepName(), children.asInt());
      }
    }
    if (!event.type().startsWith("RUN_") && !event.type().startsWith("STEP_")) {
      progress(event);
    }
  }

  abstract void changed(RunView previous, RunView latest);

  /** An event a step emitted (StepContext.emit). */
  abstract void progress(RunEvent event);

  /** The stream broke; the watcher reconnects and resumes after {@code afterSeq}. */
  abstract void reconnecting(String why, long afterSeq);

  /** Time passed without news (running steps' durations grow). */
  abstract void tick();

  /** Every event received so far has been handed over: a view that draws frames draws one now. */
  void settled() {
    // A line-per-change view has printed everything already.
  }

  /** The run ended; {@code run} is its final snapshot. */
  abstract void finished(RunView run);

  static String describe(RunEvent event) {
    return "event " + event.type() + (event.stepName() == null ? "" : " step " + event.stepName())
        + (event.payloadJson() == null ? "" : " " + event.payloadJson());
  }

  /** The closing line: the run's status and duration, then its result or error. */
  final void summary(RunView finalRun) {
    output.line("run " + finalRun.id() + " " + finalRun.status() + " in "
        + Output.between(finalRun.startedAt() != null ? finalRun.startedAt() : finalRun.createdAt(),
        finalRun.finishedAt()));
    String result = RunTables.result(finalRun);
    if (result != null) {
      output.line("result " + result);
    }
    if (finalRun.error() != null) {
      output.line("error " + Failures.oneLine(finalRun.error()));
    }
  }
}
