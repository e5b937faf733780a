package dev.cairn.internal.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnClock;
import dev.cairn.internal.codec.JsonText;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.dispatch.AttemptTracker;
import dev.cairn.internal.dispatch.SlotPool;
import dev.cairn.internal.dispatch.TrackedAttempt;
import dev.cairn.internal.execution.AssignedStep;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.EventTypes;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import dev.cairn.internal.wire.ProtoMapping;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered worker stream, as a {@link SlotPool}: the dispatcher claims for it while it has free slots and has
 * been heard from within half a lease (a paused or cut-off worker gets nothing new), and each claimed attempt is
 * leased to this worker's identity ({@link #holder()}: "token id/worker id") and pushed as an assignment. What the
 * worker sends back goes to the {@link AttemptTracker}, which follows its attempts like the node's own: a message
 * about an attempt this worker does not hold is refused and logged, a malformed one answered with a
 * {@code MessageRejected}; the stream goes on. Results are acknowledged after their commit. Thread-safe: sends are
 * serialised on the stream.
 */
final class WorkerSession implements SlotPool {
  private static final Logger log = LoggerFactory.getLogger(WorkerSession.class);
  /** Longest failure text kept from a worker; longer ones are cut. */
  static final int MAX_ERROR = 10_000;
  /** Longest log line kept from a worker. */
  static final int MAX_LOG = 4_000;

  private final String sessionId = UUID.randomUUID().toString();
  private final WorkerIdentity identity;
  private final int slots;
  private final Map<String, WorkflowDefinition> served;
  private final StreamObserver<EngineMessage> stream;
  private final AttemptTracker tracker;
  private final PayloadCodec codec;
  private final Duration lease;
  private final CairnClock clock;
  private final Map<String, String> labels;
  private final Runnable wakeDispatcher;
  /** Liveness of the connection is judged on the monotonic clock: the engine's clock may jump (tests). */
  private volatile long lastHeardNanos = System.nanoTime();
  private volatile boolean stopped;

  WorkerSession(WorkerIdentity identity, int slots, Map<String, WorkflowDefinition> served,
      Map<String, String> labels, StreamObserver<EngineMessage> stream, AttemptTracker tracker, PayloadCodec codec,
      Duration lease, CairnClock clock, Runnable wakeDispatcher) {
    this.identity = identity;
    this.labels = Map.copyOf(labels);
    this.slots = slots;
    this.served = Map.copyOf(served);
    this.stream = stream;
    this.tracker = tracker;
    this.codec = codec;
    this.lease = lease;
    this.clock = clock;
    this.wakeDispatcher = wakeDispatcher;
  }

  String sessionId() {
    return sessionId;
  }

  @Override
  public String describe() {
    return "worker " + identity.workerId() + " (session " + sessionId + ")";
  }

  @Override
  public String workerId() {
    return identity.workerId();
  }

  @Override
  public Map<String, String> labels() {
    return labels;
  }

  @Override
  public String holder() {
    return identity.holder();
  }

  @Override
  public Collection<String> workflows() {
    return served.keySet();
  }

  @Override
  public Collection<String> fingerprints() {
    return served.values().stream().map(WorkflowDefinition::fingerprint).toList();
  }

  boolean serves(String workflow, String fingerprint) {
    WorkflowDefinition definition = served.get(workflow);
    return definition != null && definition.fingerprint().equals(fingerprint);
  }

  @Override
  public int freeSlots() {
    return stopped || silent() ? 0 : Math.max(0, slots - tracker.inFlight(this));
  }

  /** No message from the worker for half a lease: it may be paused or cut off. */
  private boolean silent() {
    return System.nanoTime() - lastHeardNanos > lease.toNanos() / 2;
  }

  /** The worker sent something: it is alive. A worker that was silent gets work again. */
  void heard() {
    boolean wasSilent = silent();
    lastHeardNanos = System.nanoTime();
    if (wasSilent) {
      wakeDispatcher.run();
    }
  }

  /** Follows an attempt the worker names as still running (after a reconnect) without assigning it again. */
  void adopt(AttemptId ref, AssignedStep step) {
    tracker.track(this, ref, step, served.get(step.workflowName()));
  }

  @Override
  public void start(TrackedAttempt attempt) {
    AssignedStep step = attempt.step();
    Map<String, String> parents = new HashMap<>();
    if (step.parentOutputsJson() != null) {
      JsonNode outputs = codec.decode(step.parentOutputsJson(), JsonNode.class);
      outputs.fieldNames().forEachRemaining(name -> parents.put(name, outputs.get(name).toString()));
    }
    Instant now = clock.now();
    send(EngineMessage.newBuilder().setAssignment(Assignment.newBuilder()
        .setAttempt(ProtoMapping.attempt(attempt.ref())).setWorkflowName(step.workflowName())
        .setStepName(step.stepName()).setInputJson(step.inputJson() == null ? "null" : step.inputJson())
        .putAllParentOutputsJson(parents)
        .putAllMetadata(step.metadataJson() == null ? Map.of() : codec.decodeStringMap(step.metadataJson()))
        .setPreviousFailures(step.failures())
        .setDeadline(ProtoMapping.timestamp(now.plus(attempt.workflow().step(step.stepName()).timeout())))
        .setLeaseExpiresAt(ProtoMapping.timestamp(now.plus(lease)))
        .setTraceParent(step.traceParent() == null ? "" : step.traceParent())).build());
  }

  @Override
  public void stop(AttemptId attempt, String reason) {
    send(EngineMessage.newBuilder().setCancel(CancelAttempt.newBuilder().setAttempt(ProtoMapping.attempt(attempt))
        .setReason(reason)).build());
  }

  /** A result: for an attempt this worker holds, applied and acknowledged after the commit; else refused. */
  void result(StepResult result) {
    AttemptId ref = WorkerMessages.attempt("result.attempt", result.getAttempt(), holder());
    Optional<CompletableFuture<Boolean>> written = switch (result.getOutcomeCase()) {
      case OUTPUT_JSON -> output(ref, result.getOutputJson());
      case FAILURE -> tracker.failed(ref, Text.sanitize(result.getFailure().getError(), MAX_ERROR),
          result.getFailure().getRetryable());
      case SUSPENSION -> tracker.suspended(ref, WorkerMessages.suspension(result.getSuspension()));
      case NOT_STARTED -> tracker.notStarted(ref);
      default -> throw new IllegalArgumentException(
          "result has no outcome (output_json, failure, suspension or not_started)");
    };
    if (written.isEmpty()) {
      refuse(ref, "result for an attempt this session does not hold");
      return;
    }
    written.get().whenComplete((accepted, error) -> {
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
    wakeDispatcher.run();
  }

  /** An output that cannot be checkpointed fails the attempt (retryably): the worker is told why. */
  private Optional<CompletableFuture<Boolean>> output(AttemptId ref, String outputJson) {
    String unusable = WorkerMessages.unusableOutput(outputJson);
    if (unusable == null) {
      return tracker.succeeded(ref, outputJson, false);
    }
    if (tracker.find(ref).isEmpty()) {
      return Optional.empty();
    }
    log.warn("worker {} sent an unusable output for step {} of run {}: {}", workerId(), ref.stepId(), ref.runId(),
        unusable);
    send(rejected(Status.Code.INVALID_ARGUMENT, unusable + "; the attempt failed (retryable)", ref));
    return tracker.failed(ref, "worker " + workerId() + " sent an output that cannot be checkpointed: " + unusable,
        true);
  }

  void progress(Progress progress) {
    AttemptId ref = WorkerMessages.attempt("progress.attempt", progress.getAttempt(), holder());
    String type = Text.name("progress.type", progress.getType(), EventTypes.MAX_TYPE_LENGTH);
    if (EventTypes.isReserved(type)) {
      throw new IllegalArgumentException("progress.type " + Text.quote(type) + " is reserved (RUN_*, STEP_*)");
    }
    String payload = progress.getPayloadJson().isEmpty() ? "null" : progress.getPayloadJson();
    JsonText.check("progress.payload_json", payload);
    if (tracker.emitted(ref, type, payload).isEmpty()) {
      refuse(ref, "progress for an attempt this session does not hold");
    }
  }

  void extend(ExtendTimeout extend) {
    AttemptId ref = WorkerMessages.attempt("extend_timeout.attempt", extend.getAttempt(), holder());
    long extra = Ranges.between("extend_timeout.extra_ms", extend.getExtraMs(), 1,
        Ranges.MAX_STEP_TIMEOUT.toMillis());
    if (!tracker.extend(ref, Duration.ofMillis(extra))) {
      refuse(ref, "timeout extension for an attempt this session does not hold");
    }
  }

  void logLine(LogLine line) {
    AttemptId ref = WorkerMessages.attempt("log.attempt", line.getAttempt(), holder());
    log.info("[worker {}] step {} attempt {} of run {}: {} {}", workerId(), ref.stepId(), ref.attempt(),
        ref.runId(), Text.sanitize(line.getLevel(), 10), Text.sanitize(line.getMessage(), MAX_LOG));
  }

  /** A heartbeat: the leases of the worker's attempts are renewed; those it lost are cancelled on the worker. */
  void heartbeat() {
    tracker.renew(this);
    wakeDispatcher.run();
  }

  /** Answers a message that was refused as malformed; the stream goes on. */
  void rejectMalformed(String reason) {
    send(rejected(Status.Code.INVALID_ARGUMENT, reason, null));
  }

  private void refuse(AttemptId ref, String why) {
    log.warn("refused a message from worker {} (token {}) about attempt {} of step {} in run {}: {}", workerId(),
        identity.tokenId(), ref.attempt(), ref.stepId(), ref.runId(), why);
    send(rejected(Status.Code.FAILED_PRECONDITION, why, ref));
  }

  private static EngineMessage rejected(Status.Code code, String reason, AttemptId ref) {
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

  /** Takes no more work; the tracker stops timing its attempts (their leases stay until they expire). */
  void stop() {
    stopped = true;
    tracker.forgetAll(this);
  }

  /** Ends the stream from the engine's side (shutdown, or another session of the same worker replaced it). */
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
