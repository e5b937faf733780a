package dev.cairn.internal.completion;

import dev.cairn.CairnException;
import dev.cairn.RunStatus;
import dev.cairn.StepStatus;
import dev.cairn.db.LockedRun;
import dev.cairn.db.RunFinish;
import dev.cairn.db.StepChange;
import dev.cairn.db.StepReset;
import dev.cairn.db.StepRow;
import dev.cairn.db.StoreTx;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.execution.EventTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cancel and replay, applied inside a completion batch (the runs and their descendants are locked already).
 * Not thread-safe; one instance per batch.
 */
final class RunControl {
  private final StoreTx tx;
  private final PayloadCodec codec;
  private final EventLog events;
  private final BatchResult result;
  private final Map<UUID, LockedRun> runs;
  private final Function<String, WorkflowDefinition> definitions;
  private boolean queuedAny;

  RunControl(StoreTx tx, PayloadCodec codec, EventLog events, BatchResult result, Map<UUID, LockedRun> runs,
      Function<String, WorkflowDefinition> definitions) {
    this.tx = tx;
    this.codec = codec;
    this.events = events;
    this.result = result;
    this.runs = runs;
    this.definitions = definitions;
  }

  boolean queuedAny() {
    return queuedAny;
  }

  /** A child run finished: its parent step (if waiting) may go on. */
  static void wakeParentOf(LockedRun run, BatchResult result) {
    if (run != null && run.parentStepId() != null) {
      result.parentsToWake.add(new StepOutcome.Wake(run.parentStepId(), run.parentRunId()));
    }
  }

  /** Cancels the run (for {@code reason}) and its unfinished descendants; false if it was already finished. */
  boolean cancel(UUID runId, List<UUID> descendants, String reason) {
    if (!isActive(runId)) {
      return false;
    }
    List<UUID> targets = new ArrayList<>();
    targets.add(runId);
    descendants.stream().filter(this::isActive).forEach(targets::add);
    for (StepChange change : tx.stepCancelAll(targets)) {
      events.add(change.runId(), EventTypes.STEP_CANCELLED, change.stepName(), change.attempt(), null);
      result.cancelledAttempts.put(change.id(), change.attempt());
    }
    List<RunFinish> finishes = targets.stream()
        .map(id -> new RunFinish(id, RunStatus.CANCELLED.name(), id.equals(runId) ? reason
            : "cancelled with its parent run " + runId))
        .toList();
    Set<UUID> finished = Set.copyOf(tx.runFinishAll(finishes));
    for (RunFinish finish : finishes) {
      if (finished.contains(finish.id())) {
        LockedRun run = runs.get(finish.id());
        runs.put(finish.id(), new LockedRun(run.id(), run.workflowName(), finish.status(), run.parentRunId(),
            run.parentStepId()));
        result.finishedRuns.put(finish.id(), RunStatus.CANCELLED);
        events.add(finish.id(), EventTypes.RUN_CANCELLED, null, null, codec.encode(Map.of("error", finish.error())));
      }
    }
    wakeParentOf(runs.get(runId), result);
    return true;
  }

  /**
   * Replays a failed or cancelled run: its failed, cancelled and skipped steps run again (succeeded steps keep
   * their checkpoints), and so do its failed or cancelled descendants. False if the run is not failed or cancelled.
   *
   * @throws CairnException if the workflow's steps changed since the run was started
   */
  boolean replay(UUID runId, List<UUID> descendants) {
    if (!isReplayable(runId)) {
      return false;
    }
    List<UUID> targets = new ArrayList<>();
    targets.add(runId);
    descendants.stream().filter(this::isReplayable).forEach(targets::add);
    Map<UUID, List<StepRow>> stepsByRun = tx.stepListByRuns(targets).stream()
        .collect(Collectors.groupingBy(StepRow::runId, LinkedHashMap::new, Collectors.toList()));
    List<StepReset> resets = new ArrayList<>();
    for (UUID target : targets) {
      resets.addAll(plan(runs.get(target), stepsByRun.getOrDefault(target, List.of())));
    }
    Map<UUID, String> fingerprints = new LinkedHashMap<>();
    targets.forEach(target -> fingerprints.put(target, definitions.apply(runs.get(target).workflowName()).fingerprint()));
    tx.runRestartAll(fingerprints);
    for (UUID target : targets) {
      LockedRun run = runs.get(target);
      runs.put(target, new LockedRun(target, run.workflowName(), "RUNNING", run.parentRunId(), run.parentStepId()));
      events.add(target, EventTypes.RUN_REPLAYED);
    }
    for (StepChange change : tx.stepResetAll(resets)) {
      if ("QUEUED".equals(change.status())) {
        events.add(change.runId(), EventTypes.STEP_QUEUED, change.stepName(), null,
            codec.encode(Map.of("reason", "replay")));
        result.stepsQueued++;
        result.runsQueued.add(change.runId());
        queuedAny = true;
      }
    }
    return true;
  }

  private List<StepReset> plan(LockedRun run, List<StepRow> rows) {
    WorkflowDefinition workflow = definitions.apply(run.workflowName());
    Set<String> stored = rows.stream().map(StepRow::stepName).collect(Collectors.toSet());
    Set<String> defined = workflow.steps().stream().map(StepDefinition::name).collect(Collectors.toSet());
    if (!stored.equals(defined)) {
      throw new CairnException("cannot replay run " + run.id() + ": workflow " + run.workflowName()
          + " now has steps " + defined + " but the run has " + stored);
    }
    Map<String, StepRow> byName = rows.stream().collect(Collectors.toMap(StepRow::stepName, Function.identity()));
    List<StepReset> resets = new ArrayList<>();
    for (StepDefinition step : workflow.steps()) {
      StepRow row = byName.get(step.name());
      if (StepStatus.valueOf(row.status()) == StepStatus.SUCCEEDED && !step.onFailure()) {
        continue;
      }
      int pending = step.onFailure() ? 1 : (int) step.parents().stream()
          .filter(parent -> StepStatus.valueOf(byName.get(parent).status()) != StepStatus.SUCCEEDED).count();
      resets.add(new StepReset(row.id(), pending == 0 ? "QUEUED" : "PENDING", pending, workflow.fingerprint()));
    }
    return resets;
  }

  private boolean isActive(UUID runId) {
    LockedRun run = runs.get(runId);
    return run != null && ("QUEUED".equals(run.status()) || "RUNNING".equals(run.status()));
  }

  private boolean isReplayable(UUID runId) {
    LockedRun run = runs.get(runId);
    return run != null && ("FAILED".equals(run.status()) || "CANCELLED".equals(run.status()));
  }
}
