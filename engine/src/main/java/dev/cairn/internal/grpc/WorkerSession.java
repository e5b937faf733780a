package dev.cairn.internal.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.db.AttemptRef;
import dev.cairn.db.ClaimedStep;
import dev.cairn.db.Renewal;
import dev.cairn.internal.Engine;
import dev.cairn.internal.completion.EventTypes;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.definition.RetryPolicy;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.service.DaemonThread;
import dev.cairn.internal.service.Wakeup;
import dev.cairn.internal.validate.JsonText;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import dev.cairn.proto.v1.Assignment;
import dev.cairn.proto.v1.CancelAttempt;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.ExtendTimeout;
import dev.cairn.proto.v1.LogLine;
import dev.cairn.proto.v1.MessageRejected;
import dev.cairn.proto.v1.Progress;
import dev.cairn.proto.v1.ResultAcknowledged;
import dev.cairn.proto.v1.StepResult;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * worker serves, never more than its free slots and never while the worker is silent (no message for half a lease:
 * a paused or cut-off worker gets nothing new), and pushes them as assignments. Every attempt is leased to this
 * worker's identity, {@link #holder()} ("token id/worker id"); results, progress, extensions and heartbeats coming
 * back are turned into outcomes fenced by that identity, so a worker can act only on attempts leased to it. A
 * malformed or refused message is answered with a {@code MessageRejected} and the stream goes on. The engine times
 * each remote attempt (the step's timeout, extendable by the worker) and renews its lease on every heartbeat.
 * Thread-safe: sends are serialised on the stream; the pump never dies on one bad item.
 */
final class WorkerSession {
  private static final Logger log = LoggerFactory.getLogger(WorkerSession.class);
  static final int MAX_CLAIM = 128;

  /** A remote attempt and its engine-side deadline. Guarded by its own monitor. */
  private static final class RemoteAttempt {
    final AttemptRef ref;
    final WorkflowDefinition workflow;
    final String stepName;
    final int failures;
    final long startedNanos = System.nanoTime();
    long deadlineNanos;
    ScheduledFuture<?> deadline;

    RemoteAttempt(AttemptRef ref, WorkflowDefinition workflow, String stepName, int failures) {
      this.ref = ref;
      this.workflow = workflow;
      this.stepName = stepName;
      this.failures = failures;
      this.deadlineNanos = startedNanos + workflow.step(stepName).timeout().toNanos();
    }
  }

  private final String sessionId = UUID.randomUUID().toString();
  private final Engine engine;
  private final WorkerIdentity identity;
  private final int slots;
  private final Map<String, WorkflowDefinition> served;
  private final StreamObserver<EngineMessage> stream;
  private final ScheduledExecutorService timer;
  private final Duration lease;
  private final Duration pollInterval;
  private final Map<Long, RemoteAttempt> inFlight = new ConcurrentHashMap<>();
  private final Wakeup work = new Wakeup();
  private final DaemonThread pump;
  private volatile long lastHeardNanos = System.nanoTime();

  WorkerSession(Engine engine, WorkerIdentity identity, int slots, Map<String, WorkflowDefinition> served,
      StreamObserver<EngineMessage> stream, ScheduledExecutorService timer, Duration lease, Duration pollInterval) {
    this.engine = engine;
    this.identity = identity;
    this.slots = slots;
    this.served = Map.copyOf(served);
    this.stream = stream;
    this.timer = timer;
    this.lease = lease;
    this.pollInterval = pollInterval;
    this.pump = new DaemonThread("cairn-worker-pump-" + identity.workerId());
  }

  String sessionId() {
    return sessionId;
  }

  String workerId() {
    return identity.workerId();
  }

  /** The lease holder of this worker's attempts. */
  String holder() {
    return identity.holder();
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
    inFlight.values().forEach(WorkerSession::cancelDeadline);
  }

  /** Steps were queued: look. */
  void wake() {
    work.signal();
  }

  /** The worker sent something: it is alive. A worker that was silent gets work again. */
  void heard() {
    boolean wasSilent = silent();
    lastHeardNanos = System.nanoTime();
    if (wasSilent) {
      work.signal();
    }
  }

  /** No message from the worker for half a lease: it may be paused or cut off, so it gets no new work. */
  private boolean silent() {
    return System.nanoTime() - lastHeardNanos > lease.toNanos() / 2;
  }

  /**
   * Takes over the attempts the worker still runs from before a reconnect, where they are still leased to this
   * worker; the others it names are cancelled on the worker. Attempts leased to this worker that it does not name
   * are handed back to the queue at once: the worker says it no longer runs them.
   */
  void adopt(List<AttemptRef> running) {
    Map<Long, Renewal> renewals = running.isEmpty() ? Map.of()
        : engine.store().stepRenewLeaseAll(running, lease.toMillis());
    Map<Long, AdoptedStep> steps = AdoptedStep.load(engine.store(), running);
    Set<Long> kept = new HashSet<>();
    for (AttemptRef attempt : running) {
      AdoptedStep step = steps.get(attempt.id());
      WorkflowDefinition workflow = step == null ? null : served.get(step.workflowName());
      Renewal renewal = renewals.getOrDefault(attempt.id(), Renewal.LOST);
      if (renewal != Renewal.LOST && workflow != null) {
        track(attempt, workflow, step.stepName(), step.failures());
        kept.add(attempt.id());
      } else {
        send(cancel(attempt, "it is no longer leased to this worker: its lease expired while the worker was away,"
            + " or it was never this worker's"));
      }
    }
    for (AttemptRef held : engine.store().stepFindHeldBy(holder(), 1000)) {
      if (!kept.contains(held.id())) {
        log.info("worker {} re-registered without attempt {} of step {}: handing it back to the queue",
            workerId(), held.attempt(), held.id());
        engine.completer().submit(new StepOutcome.Released(held));
      }
    }
  }

  private void loop() {
    while (pump.running()) {
      try {
        int free = slots - inFlight.size();
        if (free <= 0 || silent()) {
          work.await(pollInterval.toMillis());
          continue;
        }
        int limit = Math.min(free, MAX_CLAIM);
        List<ClaimedStep> claimed = claim(limit);
        for (ClaimedStep step : claimed) {
          assignSafely(step);
        }
        if (claimed.size() < limit) {
          work.await(pollInterval.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("worker {} pump: round failed, going on: {}", workerId(), e.toString());
      }
    }
  }

  private List<ClaimedStep> claim(int limit) throws InterruptedException {
    try {
      return engine.store().stepDequeueAndLease(served.keySet(),
          served.values().stream().map(WorkflowDefinition::fingerprint).toList(), limit, workerId(), holder(),
          lease.toMillis(), engine.channels().events());
    } catch (RuntimeException e) {
      log.warn("claiming steps for worker {} failed, trying again: {}", workerId(), e.toString());
      work.await(pollInterval.toMillis());
      return List.of();
    }
  }

  /** Assigns one claimed step; a step that cannot be assigned is handed back, never left leased and idle. */
  private void assignSafely(ClaimedStep step) {
    AttemptRef ref = new AttemptRef(step.id(), step.runId(), step.attempt(), holder());
    try {
      assign(step, ref);
    } catch (RuntimeException e) {
      log.warn("cannot assign {} of run {} to worker {} ({}); handing it back", step.stepName(), step.runId(),
          workerId(), e.toString());
      RemoteAttempt attempt = inFlight.remove(step.id());
      if (attempt != null) {
        cancelDeadline(attempt);
      }
      engine.completer().submit(new StepOutcome.Released(ref));
    }
  }

  private void assign(ClaimedStep step, AttemptRef ref) {
    WorkflowDefinition workflow = served.get(step.workflowName());
    RemoteAttempt attempt = track(ref, workflow, step.stepName(), step.failures());
    Map<String, String> parents = new HashMap<>();
    if (step.parentOutputsJson() != null) {
      JsonNode outputs = engine.codec().decode(step.parentOutputsJson(), JsonNode.class);
      outputs.fieldNames().forEachRemaining(name -> parents.put(name, outputs.get(name).toString()));
    }
    Instant now = Instant.now();
    Instant deadline = now.plusNanos(Math.max(0, attempt.deadlineNanos - System.nanoTime()));
    send(EngineMessage.newBuilder().setAssignment(Assignment.newBuilder()
        .setAttempt(ProtoMapping.attempt(ref)).setWorkflowName(step.workflowName()).setStepName(step.stepName())
        .setInputJson(step.inputJson() == null ? "null" : step.inputJson())
        .putAllParentOutputsJson(parents)
        .putAllMetadata(step.metadataJson() == null ? Map.of() : engine.codec().decodeStringMap(step.metadataJson()))
        .setPreviousFailures(step.failures())
        .setDeadline(ProtoMapping.timestamp(deadline))
        .setLeaseExpiresAt(ProtoMapping.timestamp(now.plus(lease)))).build());
  }

  private RemoteAttempt track(AttemptRef ref, WorkflowDefinition workflow, String stepName, int failures) {
    RemoteAttempt attempt = new RemoteAttempt(ref, workflow, stepName, failures);
    RemoteAttempt previous = inFlight.put(ref.id(), attempt);
    if (previous != null) {
      cancelDeadline(previous);
    }
    scheduleDeadline(attempt);
    return attempt;
  }

  private void scheduleDeadline(RemoteAttempt attempt) {
    synchronized (attempt) {
      long delay = Math.max(0, attempt.deadlineNanos - System.nanoTime());
      attempt.deadline = timer.schedule(() -> timedOut(attempt), delay, TimeUnit.NANOSECONDS);
    }
  }

  private static void cancelDeadline(RemoteAttempt attempt) {
    synchronized (attempt) {
      if (attempt.deadline != null) {
        attempt.deadline.cancel(false);
      }
    }
  }

  private void timedOut(RemoteAttempt attempt) {
    if (inFlight.remove(attempt.ref.id(), attempt)) {
      fail(attempt, "timed out: worker " + workerId() + " reported no result within the step's timeout", true, true);
      send(cancel(attempt.ref, "timed out"));
      work.signal();
    }
  }

  /** A result from the worker: accepted only for an attempt leased to this worker, else refused and logged. */
  void result(StepResult result) {
    AttemptRef ref = WorkerMessages.attempt("result.attempt", result.getAttempt(), holder());
    RemoteAttempt attempt = inFlight.get(ref.id());
    if (attempt == null || !attempt.ref.equals(ref)) {
      refuse(ref, "result for an attempt this session does not hold");
      return;
    }
    StepOutcome outcome = outcome(attempt, result);
    if (!inFlight.remove(ref.id(), attempt)) {
      return;
    }
    cancelDeadline(attempt);
    submitResult(outcome, ref);
    work.signal();
  }

  /** The outcome a result stands for (an unusable output stands for a failed attempt). */
  private StepOutcome outcome(RemoteAttempt attempt, StepResult result) {
    switch (result.getOutcomeCase()) {
      case OUTPUT_JSON -> {
        String unusable = WorkerMessages.unusableOutput(result.getOutputJson());
        if (unusable != null) {
          log.warn("worker {} sent an unusable output for {} of run {}: {}", workerId(), attempt.stepName,
              attempt.ref.runId(), unusable);
          send(rejected(Status.Code.INVALID_ARGUMENT, unusable + "; the attempt failed (retryable)", attempt.ref));
          return failure(attempt, "worker " + workerId() + " sent an output that cannot be checkpointed: " + unusable,
              true, false);
        }
        return new StepOutcome.Succeeded(attempt.ref, result.getOutputJson());
      }
      case FAILURE -> {
        return failure(attempt, Text.sanitize(result.getFailure().getError(), WorkerMessages.MAX_ERROR),
            result.getFailure().getRetryable(), result.getFailure().getTimedOut());
      }
      case SUSPENSION -> {
        return new StepOutcome.Suspended(attempt.ref, WorkerMessages.suspension(result.getSuspension()));
      }
      default -> throw new IllegalArgumentException("result has no outcome (output_json, failure or suspension)");
    }
  }

  private void submitFenced(StepOutcome outcome, AttemptRef ref) {
    engine.completer().submit(outcome).whenComplete((accepted, error) -> {
      if (error == null && !accepted) {
        refuse(ref, "the attempt is no longer current (its lease expired or the run was cancelled)");
      }
    });
  }

  /** Submits a result's outcome and acknowledges it to the worker once committed (or refused). */
  private void submitResult(StepOutcome outcome, AttemptRef ref) {
    engine.completer().submit(outcome).whenComplete((accepted, error) -> {
      if (error != null) {
        return; // not written: no acknowledgement, so the worker sends the result again after reconnecting
      }
      if (!accepted) {
        refuse(ref, "the attempt is no longer current (its lease expired or the run was cancelled)");
      } else {
        send(EngineMessage.newBuilder().setResultAck(ResultAcknowledged.newBuilder()
            .setAttempt(ProtoMapping.attempt(ref)).setAccepted(true)).build());
      }
    });
  }

  private void refuse(AttemptRef ref, String why) {
    log.warn("refused a message from worker {} (token {}) about attempt {} of step {} in run {}: {}", workerId(),
        identity.tokenId(), ref.attempt(), ref.id(), ref.runId(), why);
    send(rejected(Status.Code.FAILED_PRECONDITION, why, ref));
  }

  private void fail(RemoteAttempt attempt, String error, boolean retryable, boolean timedOut) {
    engine.completer().submit(failure(attempt, error, retryable, timedOut));
  }

  private StepOutcome.Failed failure(RemoteAttempt attempt, String error, boolean retryable, boolean timedOut) {
    RetryPolicy policy = attempt.workflow.step(attempt.stepName).retryPolicy();
    int failures = attempt.failures + 1;
    Long delay = retryable && failures < policy.maxAttempts()
        ? policy.delayAfter(failures, ThreadLocalRandom.current().nextDouble()).toMillis() : null;
    return new StepOutcome.Failed(attempt.ref, error, timedOut, delay);
  }

  void progress(Progress progress) {
    AttemptRef ref = WorkerMessages.attempt("progress.attempt", progress.getAttempt(), holder());
    String type = Text.name("progress.type", progress.getType(), EventTypes.MAX_TYPE_LENGTH);
    if (EventTypes.isReserved(type)) {
      throw new IllegalArgumentException("progress.type " + Text.quote(type) + " is reserved (RUN_*, STEP_*)");
    }
    String payload = progress.getPayloadJson().isEmpty() ? "null" : progress.getPayloadJson();
    JsonText.check("progress.payload_json", payload);
    RemoteAttempt attempt = inFlight.get(ref.id());
    submitFenced(new StepOutcome.Emitted(ref, attempt == null ? null : attempt.stepName, type, payload), ref);
  }

  void extend(ExtendTimeout extend) {
    AttemptRef ref = WorkerMessages.attempt("extend_timeout.attempt", extend.getAttempt(), holder());
    long extra = Ranges.between("extend_timeout.extra_ms", extend.getExtraMs(), 1,
        Ranges.MAX_STEP_TIMEOUT.toMillis());
    RemoteAttempt attempt = inFlight.get(ref.id());
    if (attempt == null || !attempt.ref.equals(ref)) {
      refuse(ref, "timeout extension for an attempt this session does not hold");
      return;
    }
    cancelDeadline(attempt);
    synchronized (attempt) {
      long latest = attempt.startedNanos + Ranges.MAX_STEP_TIMEOUT.toNanos();
      attempt.deadlineNanos = Math.min(latest,
          Ranges.plusSaturated(attempt.deadlineNanos, TimeUnit.MILLISECONDS.toNanos(extra)));
    }
    scheduleDeadline(attempt);
  }

  void logLine(LogLine line) {
    AttemptRef ref = WorkerMessages.attempt("log.attempt", line.getAttempt(), holder());
    log.info("[worker {}] step {} attempt {} of run {}: {} {}", workerId(), ref.id(), ref.attempt(), ref.runId(),
        Text.sanitize(line.getLevel(), 10), Text.sanitize(line.getMessage(), WorkerMessages.MAX_LOG));
  }

  /** Renews the leases of the attempts the worker holds; those it lost are cancelled on the worker. */
  void heartbeat() {
    List<RemoteAttempt> attempts = new ArrayList<>(inFlight.values());
    if (attempts.isEmpty()) {
      return;
    }
    Map<Long, Renewal> renewals = engine.store().stepRenewLeaseAll(
        attempts.stream().map(attempt -> attempt.ref).toList(), lease.toMillis());
    for (RemoteAttempt attempt : attempts) {
      if (renewals.get(attempt.ref.id()) == Renewal.LOST && inFlight.remove(attempt.ref.id(), attempt)) {
        cancelDeadline(attempt);
        send(cancel(attempt.ref, "the attempt lost its lease"));
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
        send(cancel(attempt.ref, "the run was cancelled"));
      }
    }
    work.signal();
  }

  /** Answers a message that was refused as malformed; the stream goes on. */
  void rejectMalformed(String reason) {
    send(rejected(Status.Code.INVALID_ARGUMENT, reason, null));
  }

  private static EngineMessage cancel(AttemptRef ref, String reason) {
    return EngineMessage.newBuilder().setCancel(CancelAttempt.newBuilder().setAttempt(ProtoMapping.attempt(ref))
        .setReason(reason)).build();
  }

  private static EngineMessage rejected(Status.Code code, String reason, AttemptRef ref) {
    MessageRejected.Builder rejected = MessageRejected.newBuilder().setCode(code.name())
        .setReason(Text.bounded(reason));
    if (ref != null) {
      rejected.setAttempt(ProtoMapping.attempt(ref));
    }
    return EngineMessage.newBuilder().setRejected(rejected).build();
  }

  void send(EngineMessage message) {
    synchronized (stream) {
      try {
        stream.onNext(message);
      } catch (RuntimeException e) {
        log.debug("sending to worker {} failed: {}", workerId(), e.toString());
      }
    }
  }

  /** Ends the stream from the engine's side (another session of the same worker replaced this one). */
  void close(String reason) {
    synchronized (stream) {
      try {
        stream.onError(Status.ABORTED.withDescription(reason).asRuntimeException());
      } catch (RuntimeException alreadyClosed) {
        // the stream ended on its own meanwhile
      }
    }
  }
}
