package dev.cairn.internal.grpc;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.ClaimedStep;
import dev.cairn.internal.Engine;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.definition.RetryPolicy;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.service.DaemonThread;
import dev.cairn.internal.service.Wakeup;
import dev.cairn.proto.v1.Assignment;
import dev.cairn.proto.v1.CancelAttempt;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.StepResult;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered worker stream. Its pump thread claims steps of the workflows (and definition fingerprints) the
 * worker serves, never more than its free slots, and pushes them as assignments; results, progress and heartbeats
 * coming back are turned into the same fenced outcomes the engine's own runners produce. The engine times each
 * remote attempt (the step's timeout, extendable by the worker) and renews its lease on every heartbeat.
 * Thread-safe: sends are serialised on the stream.
 */
final class WorkerSession {
  private static final Logger log = LoggerFactory.getLogger(WorkerSession.class);
  static final int MAX_CLAIM = 128;

  private record RemoteAttempt(AttemptRef ref, WorkflowDefinition workflow, String stepName, int failures,
      ScheduledFuture<?>[] deadline, long[] deadlineNanos) {}

  private final String sessionId = UUID.randomUUID().toString();
  private final Engine engine;
  private final String workerId;
  private final int slots;
  private final Map<String, WorkflowDefinition> served;
  private final StreamObserver<EngineMessage> stream;
  private final ScheduledExecutorService timer;
  private final Duration lease;
  private final Duration pollInterval;
  private final Map<Long, RemoteAttempt> inFlight = new ConcurrentHashMap<>();
  private final Wakeup work = new Wakeup();
  private final DaemonThread pump;

  WorkerSession(Engine engine, String workerId, int slots, Map<String, WorkflowDefinition> served,
      StreamObserver<EngineMessage> stream, ScheduledExecutorService timer, Duration lease, Duration pollInterval) {
    this.engine = engine;
    this.workerId = workerId;
    this.slots = slots;
    this.served = Map.copyOf(served);
    this.stream = stream;
    this.timer = timer;
    this.lease = lease;
    this.pollInterval = pollInterval;
    this.pump = new DaemonThread("cairn-worker-pump-" + workerId);
  }

  String sessionId() {
    return sessionId;
  }

  String workerId() {
    return workerId;
  }

  boolean serves(String workflow, String fingerprint) {
    WorkflowDefinition definition = served.get(workflow);
    return definition != null && definition.fingerprint().equals(fingerprint);
  }

  void start() {
    pump.start(this::loop);
  }

  void stop() {
    pump.stop(work::signal, Duration.ofSeconds(5));
    for (RemoteAttempt attempt : inFlight.values()) {
      cancelDeadline(attempt);
    }
  }

  /** Steps were queued: look. */
  void wake() {
    work.signal();
  }

  /** Takes over attempts the worker still runs from before a reconnect, where their lease still holds. */
  void adopt(List<dev.cairn.proto.v1.AttemptRef> running) {
    if (running.isEmpty()) {
      return;
    }
    List<AttemptRef> refs = running.stream().map(ProtoMapping::attempt).toList();
    Set<Long> renewed = new HashSet<>(engine.store().stepRenewLeaseAll(refs, lease.toMillis()));
    List<UUID> runIds = refs.stream().filter(ref -> renewed.contains(ref.id())).map(AttemptRef::runId).distinct()
        .toList();
    Map<UUID, String> workflowOfRun = new java.util.HashMap<>();
    Map<Long, dev.cairn.db.StepRow> steps = new java.util.HashMap<>();
    if (!runIds.isEmpty()) {
      engine.store().runListByIds(runIds).forEach(run -> workflowOfRun.put(run.id(), run.workflowName()));
      engine.store().stepListByRuns(runIds).forEach(step -> steps.put(step.id(), step));
    }
    for (dev.cairn.proto.v1.AttemptRef attempt : running) {
      dev.cairn.db.StepRow step = steps.get(attempt.getStepId());
      WorkflowDefinition workflow = step == null ? null : served.get(workflowOfRun.get(step.runId()));
      if (renewed.contains(attempt.getStepId()) && workflow != null) {
        track(ProtoMapping.attempt(attempt), workflow, step.stepName(), step.failures());
      } else {
        send(EngineMessage.newBuilder().setCancel(CancelAttempt.newBuilder().setAttempt(attempt)
            .setReason("its lease expired while the worker was away; the step was given to another worker")).build());
      }
    }
  }

  private void loop() {
    try {
      while (pump.running()) {
        int free = slots - inFlight.size();
        if (free <= 0) {
          work.await(pollInterval.toMillis());
          continue;
        }
        int limit = Math.min(free, MAX_CLAIM);
        List<ClaimedStep> claimed = claim(limit);
        for (ClaimedStep step : claimed) {
          assign(step);
        }
        if (claimed.size() < limit) {
          work.await(pollInterval.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<ClaimedStep> claim(int limit) throws InterruptedException {
    try {
      return engine.store().stepDequeueAndLease(served.keySet(),
          served.values().stream().map(WorkflowDefinition::fingerprint).toList(), limit, workerId, lease.toMillis(),
          engine.channels().events());
    } catch (RuntimeException e) {
      log.warn("claiming steps for worker {} failed, trying again: {}", workerId, e.toString());
      work.await(pollInterval.toMillis());
      return List.of();
    }
  }

  private void assign(ClaimedStep step) {
    WorkflowDefinition workflow = served.get(step.workflowName());
    AttemptRef ref = new AttemptRef(step.id(), step.runId(), step.attempt());
    track(ref, workflow, step.stepName(), step.failures());
    Map<String, String> parents = new java.util.HashMap<>();
    if (step.parentOutputsJson() != null) {
      com.fasterxml.jackson.databind.JsonNode outputs =
          engine.codec().decode(step.parentOutputsJson(), com.fasterxml.jackson.databind.JsonNode.class);
      outputs.fieldNames().forEachRemaining(name -> parents.put(name, outputs.get(name).toString()));
    }
    long deadlineMillis = System.currentTimeMillis() + workflow.step(step.stepName()).timeout().toMillis();
    send(EngineMessage.newBuilder().setAssignment(Assignment.newBuilder()
        .setAttempt(ProtoMapping.attempt(ref)).setWorkflowName(step.workflowName()).setStepName(step.stepName())
        .setInputJson(step.inputJson() == null ? "null" : step.inputJson())
        .putAllParentOutputsJson(parents)
        .putAllMetadata(step.metadataJson() == null ? Map.of() : engine.codec().decodeStringMap(step.metadataJson()))
        .setPreviousFailures(step.failures())
        .setDeadline(ProtoMapping.timestamp(java.time.Instant.ofEpochMilli(deadlineMillis)))).build());
  }

  private RemoteAttempt track(AttemptRef ref, WorkflowDefinition workflow, String stepName, int failures) {
    RemoteAttempt attempt = new RemoteAttempt(ref, workflow, stepName, failures, new ScheduledFuture<?>[1],
        new long[] {System.nanoTime() + workflow.step(stepName).timeout().toNanos()});
    inFlight.put(ref.id(), attempt);
    scheduleDeadline(attempt);
    return attempt;
  }

  private void scheduleDeadline(RemoteAttempt attempt) {
    synchronized (attempt) {
      long delay = Math.max(0, attempt.deadlineNanos()[0] - System.nanoTime());
      attempt.deadline()[0] = timer.schedule(() -> timedOut(attempt), delay, TimeUnit.NANOSECONDS);
    }
  }

  private static void cancelDeadline(RemoteAttempt attempt) {
    synchronized (attempt) {
      if (attempt.deadline()[0] != null) {
        attempt.deadline()[0].cancel(false);
      }
    }
  }

  private void timedOut(RemoteAttempt attempt) {
    if (inFlight.remove(attempt.ref().id(), attempt)) {
      fail(attempt, "timed out: worker " + workerId + " reported no result within the step's timeout", true, true);
      send(EngineMessage.newBuilder().setCancel(CancelAttempt.newBuilder().setAttempt(ProtoMapping.attempt(attempt.ref()))
          .setReason("timed out")).build());
      work.signal();
    }
  }

  void result(StepResult result) {
    RemoteAttempt attempt = inFlight.remove(result.getAttempt().getStepId());
    if (attempt == null || attempt.ref().attempt() != result.getAttempt().getAttempt()) {
      if (attempt != null) {
        inFlight.put(attempt.ref().id(), attempt);
      }
      // A result for an attempt this session does not hold: let the fence decide (it refuses superseded ones).
      AttemptRef ref = ProtoMapping.attempt(result.getAttempt());
      if (result.hasFailure()) {
        engine.completer().submit(new StepOutcome.Failed(ref, result.getFailure().getError(), false, null));
      } else {
        engine.completer().submit(new StepOutcome.Succeeded(ref, result.getOutputJson()));
      }
      return;
    }
    cancelDeadline(attempt);
    if (result.hasSuspension()) {
      engine.completer().submit(new StepOutcome.Suspended(attempt.ref(), suspension(attempt.ref(),
          result.getSuspension())));
    } else if (result.hasFailure()) {
      fail(attempt, result.getFailure().getError(), result.getFailure().getRetryable(),
          result.getFailure().getTimedOut());
    } else {
      engine.completer().submit(new StepOutcome.Succeeded(attempt.ref(), result.getOutputJson()));
    }
    work.signal();
  }

  private static dev.cairn.db.StepSuspension suspension(AttemptRef ref, dev.cairn.proto.v1.Suspension proto) {
    return new dev.cairn.db.StepSuspension(ref.id(), ref.attempt(), proto.getKind(),
        proto.hasWakeAt() ? ProtoMapping.instant(proto.getWakeAt()) : null,
        proto.getChildRunIdsCount() == 0 ? null : proto.getChildRunIdsList().stream().map(UUID::fromString).toList(),
        proto.getEventKey().isEmpty() ? null : proto.getEventKey(),
        proto.hasEventSince() ? ProtoMapping.instant(proto.getEventSince()) : null);
  }

  private void fail(RemoteAttempt attempt, String error, boolean retryable, boolean timedOut) {
    RetryPolicy policy = attempt.workflow().step(attempt.stepName()).retryPolicy();
    int failures = attempt.failures() + 1;
    Long delay = retryable && failures < policy.maxAttempts()
        ? policy.delayAfter(failures, ThreadLocalRandom.current().nextDouble()).toMillis() : null;
    engine.completer().submit(new StepOutcome.Failed(attempt.ref(), error, timedOut, delay));
  }

  void progress(dev.cairn.proto.v1.Progress progress) {
    engine.completer().submit(new StepOutcome.Emitted(ProtoMapping.attempt(progress.getAttempt()), stepName(progress.getAttempt()),
        progress.getType(), progress.getPayloadJson().isEmpty() ? "null" : progress.getPayloadJson()));
  }

  private String stepName(dev.cairn.proto.v1.AttemptRef ref) {
    RemoteAttempt attempt = inFlight.get(ref.getStepId());
    return attempt == null ? null : attempt.stepName();
  }

  void extend(dev.cairn.proto.v1.ExtendTimeout extend) {
    RemoteAttempt attempt = inFlight.get(extend.getAttempt().getStepId());
    if (attempt != null && extend.getExtraMs() > 0) {
      cancelDeadline(attempt);
      synchronized (attempt) {
        attempt.deadlineNanos()[0] += TimeUnit.MILLISECONDS.toNanos(extend.getExtraMs());
      }
      scheduleDeadline(attempt);
    }
  }

  /** Renews the leases of the attempts the worker holds; those it lost are cancelled on the worker. */
  void heartbeat() {
    List<RemoteAttempt> attempts = new ArrayList<>(inFlight.values());
    if (attempts.isEmpty()) {
      return;
    }
    Set<Long> renewed = new HashSet<>(engine.store().stepRenewLeaseAll(
        attempts.stream().map(RemoteAttempt::ref).toList(), lease.toMillis()));
    for (RemoteAttempt attempt : attempts) {
      if (!renewed.contains(attempt.ref().id()) && inFlight.remove(attempt.ref().id(), attempt)) {
        cancelDeadline(attempt);
        send(EngineMessage.newBuilder().setCancel(CancelAttempt.newBuilder().setAttempt(ProtoMapping.attempt(attempt.ref()))
            .setReason("the attempt lost its lease")).build());
      }
    }
    work.signal();
  }

  /** Steps were cancelled: tell the worker to stop the attempts it runs of them. */
  void cancelled(List<Long> stepIds) {
    for (Long stepId : stepIds) {
      RemoteAttempt attempt = inFlight.remove(stepId);
      if (attempt != null) {
        cancelDeadline(attempt);
        send(EngineMessage.newBuilder().setCancel(CancelAttempt.newBuilder().setAttempt(ProtoMapping.attempt(attempt.ref()))
            .setReason("the run was cancelled")).build());
      }
    }
    work.signal();
  }

  void send(EngineMessage message) {
    synchronized (stream) {
      try {
        stream.onNext(message);
      } catch (RuntimeException e) {
        log.debug("sending to worker {} failed: {}", workerId, e.toString());
      }
    }
  }
}
