package dev.cairn.internal.completion;

import dev.cairn.RunStatus;
import dev.cairn.db.CompletedSteps;
import dev.cairn.db.EndedCompletion;
import dev.cairn.db.KeyRelease;
import dev.cairn.db.LockedCompletion;
import dev.cairn.db.LockedRun;
import dev.cairn.db.Notification;
import dev.cairn.db.RunFinish;
import dev.cairn.db.RunStatusRow;
import dev.cairn.db.StepChange;
import dev.cairn.db.StepFailure;
import dev.cairn.db.StepResult;
import dev.cairn.db.StepRetry;
import dev.cairn.db.StepRow;
import dev.cairn.db.StoreTx;
import dev.cairn.db.SuspendedStep;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.EventTypes;
import dev.cairn.internal.execution.Wait;
import dev.cairn.internal.store.StoreTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies one batch of outcomes inside one transaction: the step state machine's writes happen here and only
 * here. Order within a batch: progress events, successes, failures, lease expiries, schedule expiries,
 * releases, then the run-level verdicts, then the event log. Not thread-safe; one instance per transaction try.
 */
final class CompletionBatch {
  private final StoreTx tx;
  private final PayloadCodec codec;
  private final int maxLeaseExpiries;
  private final Channels channels;
  private final Function<String, WorkflowDefinition> definitions;
  private final EventLog events = new EventLog();
  private final BatchResult result = new BatchResult();
  private final Set<UUID> toJudge = new LinkedHashSet<>();
  /** Runs the completion statement found succeeded, and that no other outcome of this batch touched. */
  private final Set<UUID> settled = new HashSet<>();
  /** Step outputs written here, by run and step name. */
  private final Map<UUID, Map<String, String>> writtenOutputs = new HashMap<>();
  private Map<UUID, LockedRun> runs;
  private boolean wake;

  CompletionBatch(StoreTx tx, PayloadCodec codec, int maxLeaseExpiries, Channels channels,
      Function<String, WorkflowDefinition> definitions) {
    this.tx = tx;
    this.channels = channels;
    this.definitions = definitions;
    this.codec = codec;
    this.maxLeaseExpiries = maxLeaseExpiries;
  }

  BatchResult apply(List<StepOutcome> batch) {
    Set<UUID> toLock = batch.stream().map(StepOutcome::runId).collect(Collectors.toCollection(LinkedHashSet::new));
    List<UUID> controlled = batch.stream()
        .filter(o -> o instanceof StepOutcome.Cancel || o instanceof StepOutcome.Replay)
        .map(StepOutcome::runId).toList();
    Map<UUID, List<UUID>> descendants = new LinkedHashMap<>();
    for (UUID run : controlled) {
      List<UUID> below = tx.runListDescendants(List.of(run)).stream().map(RunStatusRow::id).toList();
      descendants.put(run, below);
      toLock.addAll(below);
    }
    List<StepOutcome.Emitted> emits = only(batch, StepOutcome.Emitted.class);
    List<StepOutcome.Succeeded> successes = only(batch, StepOutcome.Succeeded.class);
    if (emits.isEmpty() && !successes.isEmpty()) {
      // The usual batch: the run locks and the checkpoints in one round trip.
      LockedCompletion both = tx.runLockAllAndCompleteSteps(toLock, results(successes));
      locked(both.locked());
      completed(successes, both.completed());
    } else {
      locked(tx.runLockAll(toLock));
      applyEmits(emits); // before the checkpoints: an emit counts only while its step is RUNNING
      if (!successes.isEmpty()) {
        completed(successes, tx.stepCompleteAll(results(successes), runs.keySet()));
      }
    }
    // Later statements of this batch may change a run the completion statement found settled (another outcome of
    // it, a cancel or replay of it or of an ancestor): judge those by a read.
    batch.stream().filter(o -> !(o instanceof StepOutcome.Succeeded || o instanceof StepOutcome.Emitted))
        .map(StepOutcome::runId).forEach(settled::remove);
    descendants.values().forEach(settled::removeAll);
    applyFailures(only(batch, StepOutcome.Failed.class));
    applyLeaseExpiries(only(batch, StepOutcome.LeaseExpired.class));
    applyScheduleExpiries(only(batch, StepOutcome.ScheduleExpired.class));
    applyReleases(only(batch, StepOutcome.Released.class));
    applySuspensions(only(batch, StepOutcome.Suspended.class));
    applyWakes(only(batch, StepOutcome.Wake.class));
    applyBlocked(only(batch, StepOutcome.Blocked.class));
    for (StepOutcome.Reconcile reconcile : only(batch, StepOutcome.Reconcile.class)) {
      toJudge.add(reconcile.runId());
      result.accepted.add(reconcile);
    }
    RunControl control = new RunControl(tx, codec, events, result, runs, definitions);
    for (StepOutcome.Cancel cancel : only(batch, StepOutcome.Cancel.class)) {
      if (control.cancel(cancel.runId(), descendants.get(cancel.runId()), cancel.reason())) {
        result.accepted.add(cancel);
      }
    }
    judgeRuns();
    for (StepOutcome.Replay replay : only(batch, StepOutcome.Replay.class)) {
      if (control.replay(replay.runId(), descendants.get(replay.runId()))) {
        result.accepted.add(replay);
      }
    }
    if (control.queuedAny()) {
      wake = true;
    }
    releaseKeys(batch);
    return result;
  }

  /** Whether {@link #applyEnding} may write the batch: successes only, each of a step that should end its run. */
  static boolean endsRuns(List<StepOutcome> batch) {
    return batch.stream().allMatch(outcome -> outcome instanceof StepOutcome.Succeeded success && success.endsRun());
  }

  /**
   * Writes a batch for which {@link #endsRuns} holds, its events and the end of its runs, and commits, in one round
   * trip: what {@link #apply} and {@link #writeEventLog} would write for it when its steps do end their runs (a
   * step that ends its run releases no child, and its run needs no verdict but success). Nothing may follow in the
   * transaction.
   *
   * @throws RuntimeException for which {@link dev.cairn.db.DatabaseErrors#isRunNotEnded} holds if some run had steps
   *     left: the transaction rolled back, and the batch is to be written with {@link #apply}
   */
  BatchResult applyEnding(List<StepOutcome> batch) {
    List<StepOutcome.Succeeded> successes = only(batch, StepOutcome.Succeeded.class);
    Set<UUID> toLock = successes.stream().map(StepOutcome::runId)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    EndedCompletion ended = tx.runLockCompleteAndEndAll(toLock, results(successes));
    locked(ended.locked());
    accept(successes, ended.completed().done(), StepOutcome.Succeeded::attempt);
    rememberOutputs(successes, ended.completed().done());
    for (UUID run : ended.ended()) {
      result.finishedRuns.put(run, RunStatus.SUCCEEDED);
      terminalOutput(run).ifPresent(output -> result.outputs.put(run, output));
      RunControl.wakeParentOf(runs.get(run), result);
    }
    return result;
  }

  /**
   * Writes the batch's events and sends its notifications, after {@link #apply}; with {@code commit}, as the last
   * statement of the transaction, which commits in the same round trip (nothing may follow).
   */
  void writeEventLog(boolean commit) {
    List<Notification> notifications = new ArrayList<>();
    if (wake) {
      notifications.add(new Notification(channels.wake(), channels.sender()));
    }
    if (!result.cancelledAttempts.isEmpty()) {
      // "step:attempt": a node stops that attempt only, never a later one the step has started since.
      notifications.add(new Notification(channels.cancels(), result.cancelledAttempts.entrySet().stream().limit(1000)
          .map(attempt -> attempt.getKey() + ":" + attempt.getValue()).collect(Collectors.joining(","))));
    }
    // That events were appended and runs finished is announced after the commit (NodeSignals, Announcer).
    events.write(tx, notifications, commit);
  }

  private void locked(List<LockedRun> locked) {
    runs = new HashMap<>();
    for (LockedRun run : locked) {
      runs.put(run.id(), run);
      result.workflowOfRun.put(run.id(), run.workflowName());
    }
  }

  private static List<StepResult> results(List<StepOutcome.Succeeded> successes) {
    return successes.stream().map(s -> new StepResult(StoreTypes.ref(s.attempt()), s.outputJson())).toList();
  }

  /**
   * Gives back the concurrency keys held by steps of this batch's runs that left RUNNING, and by its runs that are
   * final, in this transaction (under the run locks); only for runs with flow control, or when reconciling.
   */
  private void releaseKeys(List<StepOutcome> batch) {
    boolean reconciling = batch.stream().anyMatch(StepOutcome.Reconcile.class::isInstance);
    List<UUID> keyed = runs.values().stream()
        .filter(run -> reconciling || hasFlowControl(run.workflowName()))
        .map(LockedRun::id).toList();
    KeyRelease released = keyed.isEmpty() ? null : tx.flow().release(keyed);
    if (released != null && released.changes() > 0) {
      wake = true; // waiting steps may be admitted now, here or on another node
      result.keysReleased = true;
      result.freedKeys.addAll(released.freedKeys());
    }
  }

  private boolean hasFlowControl(String workflowName) {
    try {
      WorkflowDefinition workflow = definitions.apply(workflowName);
      return workflow != null && workflow.hasFlowControl();
    } catch (RuntimeException unknown) {
      return true; // a workflow no longer known here: release to be safe (the statement only finds real holds)
    }
  }

  private void applyBlocked(List<StepOutcome.Blocked> blocked) {
    if (blocked.isEmpty()) {
      return;
    }
    Map<Long, StepOutcome.Blocked> byStep = new LinkedHashMap<>();
    blocked.forEach(outcome -> byStep.put(outcome.stepId(), outcome));
    List<StepOutcome.Blocked> unique = new ArrayList<>(byStep.values());
    for (StepChange change : tx.stepBlockAll(unique.stream().map(StepOutcome.Blocked::stepId).toList(),
        unique.stream().map(StepOutcome.Blocked::attempt).toList(),
        unique.stream().map(StepOutcome.Blocked::reason).toList())) {
      StepOutcome.Blocked outcome = byStep.get(change.id());
      events.add(change.runId(), outcome.eventType(), change.stepName(), change.attempt(), outcome.payloadJson());
      result.accepted.add(outcome);
    }
  }

  private void applyEmits(List<StepOutcome.Emitted> emits) {
    if (emits.isEmpty()) {
      return;
    }
    Map<Long, StepRow> current = tx.stepListByRuns(emits.stream().map(StepOutcome::runId).distinct().toList())
        .stream().collect(Collectors.toMap(StepRow::id, Function.identity()));
    for (StepOutcome.Emitted emit : emits) {
      StepRow row = current.get(emit.attempt().stepId());
      if (row != null && row.runId().equals(emit.runId()) && "RUNNING".equals(row.status())
          && row.attempt() == emit.attempt().attempt()
          && (emit.attempt().holder() == null || emit.attempt().holder().equals(row.leaseHolder()))) {
        events.add(emit.runId(), emit.type(), row.stepName(), emit.attempt().attempt(), emit.payloadJson());
        result.accepted.add(emit);
      }
    }
  }

  /** Takes in what the completion statement did with the batch's successes. */
  private void completed(List<StepOutcome.Succeeded> successes, CompletedSteps completed) {
    accept(successes, completed.done(), StepOutcome.Succeeded::attempt);
    settled.addAll(completed.settledRuns());
    rememberOutputs(successes, completed.done());
    for (StepChange change : completed.done()) {
      events.add(change.runId(), EventTypes.STEP_SUCCEEDED, change.stepName(), change.attempt(), null);
    }
    queued(completed.children(), null);
    // A run can only have finished if no child of a step completed here is still to run: a run whose
    // completions touched a child is going on, and needs no verdict.
    Set<UUID> goingOn = completed.children().stream().map(StepChange::runId).collect(Collectors.toSet());
    for (StepChange change : completed.done()) {
      if (!goingOn.contains(change.runId())) {
        toJudge.add(change.runId());
      }
    }
  }

  /** Keeps the outputs of the steps the checkpoint statement completed, for {@link #terminalOutput}. */
  private void rememberOutputs(List<StepOutcome.Succeeded> successes, List<StepChange> done) {
    Map<Long, String> outputOfStep = new HashMap<>();
    successes.forEach(success -> outputOfStep.put(success.attempt().stepId(), success.outputJson()));
    for (StepChange change : done) {
      writtenOutputs.computeIfAbsent(change.runId(), run -> new HashMap<>())
          .put(change.stepName(), outputOfStep.get(change.id()));
    }
  }

  private void applyFailures(List<StepOutcome.Failed> failures) {
    List<StepOutcome.Failed> retries = failures.stream().filter(f -> f.retryDelayMillis() != null).toList();
    List<StepOutcome.Failed> finals = failures.stream().filter(f -> f.retryDelayMillis() == null).toList();
    if (!retries.isEmpty()) {
      List<StepChange> retried = tx.stepRetryAll(retries.stream()
          .map(f -> new StepRetry(StoreTypes.ref(f.attempt()), f.error(), f.retryDelayMillis())).toList());
      accept(retries, retried, StepOutcome.Failed::attempt);
      Map<Long, StepOutcome.Failed> byStep = retries.stream()
          .collect(Collectors.toMap(f -> f.attempt().stepId(), Function.identity(), (a, b) -> a));
      for (StepChange change : retried) {
        StepOutcome.Failed failure = byStep.get(change.id());
        if (failure.timedOut()) {
          events.add(change.runId(), EventTypes.STEP_TIMED_OUT, change.stepName(), change.attempt(),
              codec.encode(Map.of("error", failure.error())));
        }
        events.add(change.runId(), EventTypes.STEP_RETRYING, change.stepName(), change.attempt(),
            codec.encode(Map.of("error", failure.error(), "delayMillis", failure.retryDelayMillis())));
        result.retryDelaysMillis.add(failure.retryDelayMillis());
      }
    }
    if (!finals.isEmpty()) {
      List<StepChange> failed = tx.stepFailAll(finals.stream().map(f -> new StepFailure(StoreTypes.ref(f.attempt()), f.error()))
          .toList());
      accept(finals, failed, StepOutcome.Failed::attempt);
      Map<Long, StepOutcome.Failed> byStep = finals.stream()
          .collect(Collectors.toMap(f -> f.attempt().stepId(), Function.identity(), (a, b) -> a));
      for (StepChange change : failed) {
        StepOutcome.Failed failure = byStep.get(change.id());
        events.add(change.runId(), failure.timedOut() ? EventTypes.STEP_TIMED_OUT : EventTypes.STEP_FAILED,
            change.stepName(), change.attempt(), codec.encode(Map.of("error", failure.error())));
        toJudge.add(change.runId());
      }
    }
  }

  private void applyLeaseExpiries(List<StepOutcome.LeaseExpired> expiries) {
    if (expiries.isEmpty()) {
      return;
    }
    List<StepChange> changes = tx.stepExpireLeaseAll(
        expiries.stream().map(e -> StoreTypes.ref(e.attempt())).toList(), maxLeaseExpiries);
    accept(expiries, changes, StepOutcome.LeaseExpired::attempt);
    for (StepChange change : changes) {
      result.expiredLeaseRuns.add(change.runId());
      events.add(change.runId(), EventTypes.STEP_LEASE_EXPIRED, change.stepName(), change.attempt(), null);
      if ("QUEUED".equals(change.status())) {
        result.stepsQueued++;
        result.runsQueued.add(change.runId());
        wake = true;
      } else {
        events.add(change.runId(), EventTypes.STEP_FAILED, change.stepName(), change.attempt(),
            codec.encode(Map.of("error", "lease expired " + maxLeaseExpiries + " times")));
        toJudge.add(change.runId());
      }
    }
  }

  private void applyScheduleExpiries(List<StepOutcome.ScheduleExpired> expiries) {
    if (expiries.isEmpty()) {
      return;
    }
    List<StepChange> changes = tx.stepExpireScheduleAll(expiries.stream().map(e -> e.attempt().stepId()).toList());
    accept(expiries, changes, StepOutcome.ScheduleExpired::attempt);
    for (StepChange change : changes) {
      events.add(change.runId(), EventTypes.STEP_TIMED_OUT, change.stepName(), change.attempt(),
          codec.encode(Map.of("error", "schedule timeout")));
      toJudge.add(change.runId());
    }
  }

  private void applyReleases(List<StepOutcome.Released> releases) {
    if (releases.isEmpty()) {
      return;
    }
    List<StepChange> changes = tx.stepReleaseLeaseAll(releases.stream().map(r -> StoreTypes.ref(r.attempt())).toList());
    accept(releases, changes, StepOutcome.Released::attempt);
    queued(changes, "released");
  }

  private void applySuspensions(List<StepOutcome.Suspended> suspensions) {
    if (suspensions.isEmpty()) {
      return;
    }
    List<StepChange> waiting = tx.stepSuspendAll(suspensions.stream()
        .map(suspended -> new SuspendedStep(StoreTypes.ref(suspended.attempt()), StoreTypes.suspension(suspended.suspension()))).toList());
    accept(suspensions, waiting, StepOutcome.Suspended::attempt);
    Map<Long, Wait> byStep = suspensions.stream()
        .collect(Collectors.toMap(s -> s.attempt().stepId(), StepOutcome.Suspended::suspension, (a, b) -> a));
    for (StepChange change : waiting) {
      Wait suspension = byStep.get(change.id());
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("kind", suspension.kind());
      if (suspension.wakeAt() != null) {
        payload.put("wakeAt", suspension.wakeAt().toString());
      }
      if (suspension.runs() != null) {
        payload.put("children", suspension.runs().size());
      }
      if (suspension.eventKey() != null) {
        payload.put("eventKey", suspension.eventKey());
      }
      events.add(change.runId(), EventTypes.STEP_WAITING, change.stepName(), change.attempt(), codec.encode(payload));
    }
    // The wait may be over already (a child finished, an event arrived while the attempt wound down).
    Set<Long> wokenNow = new HashSet<>();
    if (!waiting.isEmpty()) {
      List<StepChange> woken = tx.stepWakeAll(waiting.stream().map(StepChange::id).toList());
      queued(woken, "wait over");
      woken.forEach(change -> wokenNow.add(change.id()));
    }
    for (StepChange change : waiting) {
      Wait suspension = byStep.get(change.id());
      if (suspension.wakeAt() != null && !wokenNow.contains(change.id())) {
        result.wakeAt.put(change.id(), new StepOutcome.Wake(change.id(), change.runId()));
        result.wakeTimes.put(change.id(), suspension.wakeAt());
      }
    }
  }

  private void applyWakes(List<StepOutcome.Wake> wakes) {
    if (wakes.isEmpty()) {
      return;
    }
    List<StepChange> woken = tx.stepWakeAll(wakes.stream().map(StepOutcome.Wake::stepId).distinct().toList());
    queued(woken, "wait over");
    Set<Long> wokenIds = woken.stream().map(StepChange::id).collect(Collectors.toSet());
    for (StepOutcome.Wake wake : wakes) {
      if (wokenIds.contains(wake.stepId())) {
        result.accepted.add(wake);
      }
    }
  }

  private void judgeRuns() {
    List<UUID> active = toJudge.stream().filter(this::isActive).toList();
    if (active.isEmpty()) {
      return;
    }
    // A settled run has succeeded with nothing left to skip; the others are judged from their steps.
    List<UUID> toRead = active.stream().filter(run -> !settled.contains(run)).toList();
    Map<UUID, List<StepRow>> stepsByRun = toRead.isEmpty() ? Map.of() : tx.stepListByRuns(toRead).stream()
        .collect(Collectors.groupingBy(StepRow::runId, LinkedHashMap::new, Collectors.toList()));
    List<UUID> queueOnFailure = new ArrayList<>();
    List<UUID> skipExceptOnFailure = new ArrayList<>();
    List<UUID> skipAll = new ArrayList<>();
    List<RunFinish> finishes = new ArrayList<>();
    for (UUID run : active) {
      RunVerdict verdict = settled.contains(run) ? RunVerdict.SUCCEEDED
          : RunVerdict.of(stepsByRun.getOrDefault(run, List.of()));
      if (verdict.queueOnFailure()) {
        queueOnFailure.add(run);
        skipExceptOnFailure.add(run);
      } else if (verdict.skipUnfinished()) {
        skipAll.add(run);
      }
      if (verdict.finalStatus() != null) {
        finishes.add(new RunFinish(run, verdict.finalStatus().name(), verdict.error()));
      }
    }
    skipped(skipExceptOnFailure, false);
    skipped(skipAll, true);
    if (!queueOnFailure.isEmpty()) {
      queued(tx.stepQueueOnFailureAll(queueOnFailure), "on failure");
    }
    // A settled run without flow control ends with the event log's statement (it is locked and unfinished, so the
    // end is certain); the others now, for the key release below reads which runs are final.
    List<RunFinish> now = finishes.stream().filter(finish -> !endsWithEvents(finish)).toList();
    Set<UUID> finished = new HashSet<>(now.isEmpty() ? List.of() : tx.runFinishAll(now));
    for (RunFinish finish : finishes) {
      if (endsWithEvents(finish)) {
        events.finish(finish);
        finished.add(finish.id());
      }
      if (finished.contains(finish.id())) {
        RunStatus status = RunStatus.valueOf(finish.status());
        result.finishedRuns.put(finish.id(), status);
        if (status == RunStatus.SUCCEEDED) {
          terminalOutput(finish.id()).ifPresent(output -> result.outputs.put(finish.id(), output));
        }
        RunControl.wakeParentOf(runs.get(finish.id()), result);
        events.add(finish.id(), status == RunStatus.SUCCEEDED ? EventTypes.RUN_SUCCEEDED : EventTypes.RUN_FAILED,
            null, null, finish.error() == null ? null : codec.encode(Map.of("error", finish.error())));
      }
    }
  }

  /** The output of the run's single terminal step, if its result was written in this batch. */
  private Optional<String> terminalOutput(UUID run) {
    Map<String, String> written = writtenOutputs.get(run);
    if (written == null) {
      return Optional.empty();
    }
    List<StepDefinition> terminal = definitions.apply(runs.get(run).workflowName()).terminalSteps();
    return terminal.size() == 1 ? Optional.ofNullable(written.get(terminal.get(0).name())) : Optional.empty();
  }

  private boolean endsWithEvents(RunFinish finish) {
    return settled.contains(finish.id()) && !hasFlowControl(runs.get(finish.id()).workflowName());
  }

  private void skipped(List<UUID> runIds, boolean includeOnFailure) {
    if (runIds.isEmpty()) {
      return;
    }
    for (StepChange change : tx.stepSkipUnfinishedAll(runIds, includeOnFailure)) {
      events.add(change.runId(), EventTypes.STEP_SKIPPED, change.stepName(), null, null);
    }
  }

  void queued(List<StepChange> changes, String reason) {
    for (StepChange change : changes) {
      if ("QUEUED".equals(change.status())) {
        events.add(change.runId(), EventTypes.STEP_QUEUED, change.stepName(), null,
            reason == null ? null : codec.encode(Map.of("reason", reason)));
        result.stepsQueued++;
        result.runsQueued.add(change.runId());
        wake = true;
      }
    }
  }

  private boolean isActive(UUID runId) {
    LockedRun run = runs.get(runId);
    return run != null && ("QUEUED".equals(run.status()) || "RUNNING".equals(run.status()));
  }

  private <T extends StepOutcome> void accept(
      List<T> outcomes, List<StepChange> changes, Function<T, AttemptId> attemptOf) {
    Set<Long> changed = changes.stream().map(StepChange::id).collect(Collectors.toSet());
    for (T outcome : outcomes) {
      if (changed.contains(attemptOf.apply(outcome).stepId())) {
        result.accepted.add(outcome);
      }
    }
  }

  private static <T extends StepOutcome> List<T> only(List<StepOutcome> batch, Class<T> type) {
    List<T> matching = new ArrayList<>();
    for (StepOutcome outcome : batch) {
      if (type.isInstance(outcome)) {
        matching.add(type.cast(outcome));
      }
    }
    return matching;
  }
}
