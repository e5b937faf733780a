package dev.cairn.cli;

import dev.cairn.RunEvent;
import dev.cairn.RunView;
import dev.cairn.StepView;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The live view as one line per change: for logs, pipes and scripts. */
final class PlainWatchView extends WatchView {
  /**
   * The detail last printed on each step's line (the child runs it waits for, its error). A snapshot can show a step
   * WAITING before its STEP_WAITING event, which names the children, has come down the stream; the line is printed
   * again once the detail is known.
   */
  private final Map<String, String> shownDetail = new HashMap<>();

  PlainWatchView(Output output) {
    super(output);
  }

  @Override
  void changed(RunView previous, RunView latest) {
    if (previous == null || previous.status() != latest.status()) {
      output.line("run " + latest.id() + " " + latest.workflowName() + " " + latest.status());
    }
    List<List<String>> rows = RunTables.stepRows(latest, Instant.now(), childrenByStep);
    for (int i = 0; i < latest.steps().size(); i++) {
      StepView step = latest.steps().get(i);
      StepView before = previous == null ? null : previous.step(step.name()).orElse(null);
      List<String> row = rows.get(i);
      if (before == null || before.status() != step.status() || before.attempts() != step.attempts()
          || !Objects.equals(before.workerId(), step.workerId())
          || !row.get(5).equals(shownDetail.getOrDefault(step.name(), ""))) {
        shownDetail.put(step.name(), row.get(5));
        output.line("step " + step.name() + " " + step.status() + " attempt " + step.attempts()
            + (step.workerId() == null ? "" : " worker " + step.workerId())
            + (row.get(4).equals("-") ? "" : " " + row.get(4))
            + (row.get(5).isEmpty() ? "" : " (" + Failures.oneLine(row.get(5)) + ")"));
      }
    }
    long done = RunTables.done(latest);
    if (previous == null || RunTables.done(previous) != done) {
      output.line("progress " + done + "/" + latest.steps().size() + " steps done");
    }
  }

  @Override
  void progress(RunEvent event) {
    output.line(describe(event));
  }

  @Override
  void reconnecting(String why, long afterSeq) {
    output.line("connection lost (" + why + "); resuming after event " + afterSeq);
  }

  @Override
  void tick() {
    // Nothing changed: a line-per-change view prints nothing.
  }

  @Override
  void finished(RunView finalRun) {
    summary(finalRun);
  }
}
