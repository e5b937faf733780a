package dev.cairn.internal.grpc;

import dev.cairn.CairnClock;
import dev.cairn.db.AttemptRef;
import dev.cairn.db.Renewal;
import dev.cairn.db.RunRow;
import dev.cairn.db.StepRow;
import dev.cairn.db.Store;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.execution.AssignedStep;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.store.StoreTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a registering worker's attempts become: those it names that are still leased to it are followed again (it
 * goes on running them, or sends their results again); those it names that are not are cancelled on the worker;
 * those leased to it that it does not name go back to the queue at once (it says it no longer runs them). Stateless.
 */
final class Adoption {
  private static final Logger log = LoggerFactory.getLogger(Adoption.class);
  private static final int MAX_HELD = 10_000;

  private final Store store;
  private final OutcomeSink completer;
  private final Duration lease;
  private final CairnClock clock;

  Adoption(Store store, OutcomeSink completer, Duration lease, CairnClock clock) {
    this.store = store;
    this.completer = completer;
    this.lease = lease;
    this.clock = clock;
  }

  void adopt(WorkerSession session, List<AttemptId> running) {
    Map<Long, Renewal> renewals = running.isEmpty() ? Map.of()
        : store.stepRenewLeaseAll(running.stream().map(StoreTypes::ref).toList(), lease.toMillis());
    Map<Long, AssignedStep> steps = steps(running);
    Set<Long> kept = new HashSet<>();
    for (AttemptId attempt : running) {
      AssignedStep step = steps.get(attempt.stepId());
      Renewal renewal = renewals.getOrDefault(attempt.stepId(), Renewal.LOST);
      if (renewal != Renewal.LOST && step != null && session.workflows().contains(step.workflowName())) {
        session.adopt(attempt, step);
        kept.add(attempt.stepId());
      } else {
        session.stop(attempt, "it is no longer leased to this worker: its lease expired while the worker was away,"
            + " or it was never this worker's");
      }
    }
    for (AttemptRef held : store.stepFindHeldBy(session.holder(), MAX_HELD)) {
      if (!kept.contains(held.id())) {
        log.info("worker {} re-registered without attempt {} of step {}: handing it back to the queue",
            session.workerId(), held.attempt(), held.id());
        completer.submit(new StepOutcome.Released(StoreTypes.attempt(held)));
      }
    }
  }

  /** The steps of the named attempts, as the tracker needs them (no inputs: they are not sent again). */
  private Map<Long, AssignedStep> steps(List<AttemptId> running) {
    if (running.isEmpty()) {
      return Map.of();
    }
    List<UUID> runIds = running.stream().map(AttemptId::runId).distinct().toList();
    Map<UUID, String> workflowOfRun = new HashMap<>();
    store.runListByIds(runIds).forEach((RunRow run) -> workflowOfRun.put(run.id(), run.workflowName()));
    Map<Long, AttemptId> named = new HashMap<>();
    running.forEach(attempt -> named.put(attempt.stepId(), attempt));
    Map<Long, AssignedStep> steps = new HashMap<>();
    for (StepRow step : store.stepListByRuns(runIds)) {
      AttemptId attempt = named.get(step.id());
      if (attempt != null && attempt.runId().equals(step.runId())) {
        steps.put(step.id(), new AssignedStep(step.id(), step.runId(), workflowOfRun.get(step.runId()),
            step.stepName(), attempt.attempt(), step.failures(), step.queuedAt(), clock.now(), null, null, null, null));
      }
    }
    return steps;
  }
}
