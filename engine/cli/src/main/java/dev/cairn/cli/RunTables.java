package dev.cairn.cli;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.StepStatus;
import dev.cairn.StepView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** How runs and their steps look in tables (runs list, runs get, the watch view) and in JSON. */
final class RunTables {
  static final List<String> STEP_HEADERS = List.of("STEP", "STATUS", "ATTEMPT", "WORKER", "DURATION", "NOTE");
  static final List<String> RUN_HEADERS = List.of("RUN", "WORKFLOW", "STATUS", "CREATED", "DURATION", "ERROR");

  /**
   * A run as {@code runs get -o json} prints it.
   *
   * @param result the terminal step's output (JSON) when the run succeeded
   */
  record RunJson(UUID id, String workflowName, RunStatus status, Map<String, String> metadata, String error,
      Instant createdAt, Instant startedAt, Instant finishedAt, Instant startAt, String terminalStep,
      @JsonSerialize(using = Output.RawJson.class) String result,
      List<StepView> steps) {
    static RunJson of(RunView run) {
      return new RunJson(run.id(), run.workflowName(), run.status(), run.metadata(), run.error(), run.createdAt(),
          run.startedAt(), run.finishedAt(), run.startAt(), run.terminalStep(), RunTables.result(run), run.steps());
    }
  }

  private RunTables() {}

  /** The terminal step's output when the run succeeded; null otherwise. */
  static String result(RunView run) {
    if (run.status() != RunStatus.SUCCEEDED || run.terminalStep() == null) {
      return null;
    }
    return run.step(run.terminalStep()).map(StepView::outputJson).orElse(null);
  }

  static List<List<String>> runRows(List<RunSummary> runs) {
    return runs.stream().map(run -> List.of(run.id().toString(), run.workflowName(), run.status().name(),
        Output.time(run.createdAt()), Output.between(run.startedAt(), run.finishedAt()), Output.cell(run.error())))
        .toList();
  }

  /** One row per step; a running step's duration counts up to {@code now}. */
  static List<List<String>> stepRows(RunView run, Instant now, Map<String, Integer> childrenByStep) {
    List<List<String>> rows = new ArrayList<>();
    for (StepView step : run.steps()) {
      Instant end = step.finishedAt() != null ? step.finishedAt() : step.startedAt() != null ? now : null;
      rows.add(List.of(step.name(), step.status().name(), String.valueOf(step.attempts()),
          step.workerId() == null ? "-" : step.workerId(), Output.between(step.startedAt(), end),
          note(step, childrenByStep.get(step.name()))));
    }
    return rows;
  }

  /** Why a step waits or failed: its blocked reason, the child runs it waits for, its last error. */
  static String note(StepView step, Integer children) {
    if (step.blockedReason() != null) {
      return step.blockedReason();
    }
    if (step.status() == StepStatus.WAITING && children != null) {
      return "waits for " + children + " child run" + (children == 1 ? "" : "s");
    }
    if (step.error() != null) {
      return step.error();
    }
    return "";
  }

  static long done(RunView run) {
    return run.steps().stream().filter(step -> step.status() == StepStatus.SUCCEEDED
        || step.status() == StepStatus.SKIPPED || step.status() == StepStatus.FAILED
        || step.status() == StepStatus.CANCELLED).count();
  }

  /** The header lines of {@code runs get}. */
  static List<List<String>> header(RunView run) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("run", run.id().toString()));
    rows.add(List.of("workflow", run.workflowName()));
    rows.add(List.of("status", run.status().name()));
    rows.add(List.of("created", Output.time(run.createdAt())));
    if (run.startAt() != null) {
      rows.add(List.of("due", Output.time(run.startAt())));
    }
    rows.add(List.of("started", Output.time(run.startedAt())));
    rows.add(List.of("finished", Output.time(run.finishedAt()) + (run.finishedAt() == null ? ""
        : " (" + Output.between(run.startedAt(), run.finishedAt()) + ")")));
    if (!run.metadata().isEmpty()) {
      rows.add(List.of("metadata", String.join(", ", run.metadata().entrySet().stream()
          .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted().toList())));
    }
    if (run.error() != null) {
      rows.add(List.of("error", run.error()));
    }
    return rows;
  }
}
