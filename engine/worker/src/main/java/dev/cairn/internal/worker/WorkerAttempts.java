package dev.cairn.internal.worker;

import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.execution.AssignedStep;
import dev.cairn.internal.execution.Attempt;
import dev.cairn.internal.execution.AttemptReports;
import dev.cairn.internal.execution.StepRunner;
import dev.cairn.internal.execution.Wait;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.Assignment;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.CancelAttempt;
import dev.cairn.proto.v1.ExtendTimeout;
import dev.cairn.proto.v1.Failure;
import dev.cairn.proto.v1.LogLine;
import dev.cairn.proto.v1.NotStarted;
import dev.cairn.proto.v1.Progress;
import dev.cairn.proto.v1.StepResult;
import dev.cairn.proto.v1.Suspension;
import dev.cairn.proto.v1.WorkerMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts a worker runs: assignments become attempts on the slot threads, cancellations stop them (before
 * they start, too), and what the runner reports goes to the engine as messages. The engine times the attempts and
 * decides retries. Thread-safe.
 */
final class WorkerAttempts implements AttemptReports {
  private static final Logger log = LoggerFactory.getLogger(WorkerAttempts.class);
  /** Assignments remembered so a redelivered one never runs twice; the oldest are forgotten past this many. */
  private static final int MAX_SEEN = 100_000;

  private final String workerId;
  private final WorkflowRegistry registry;
  private final PayloadCodec codec;
  private final ExecutorService slots;
  private final EngineStream stream;
  private final Map<Long, Attempt> inFlight = new ConcurrentHashMap<>();
  private final Set<String> seen = Collections.newSetFromMap(Collections.synchronizedMap(
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_SEEN;
        }
      }));
  private StepRunner runner;

  WorkerAttempts(String workerId, WorkflowRegistry registry, PayloadCodec codec, ExecutorService slots,
      EngineStream stream) {
    this.workerId = workerId;
    this.registry = registry;
    this.codec = codec;
    this.slots = slots;
    this.stream = stream;
  }

  /** The runner that runs the attempts (it reports here). */
  void runWith(StepRunner stepRunner) {
    this.runner = stepRunner;
  }

  void assigned(Assignment assignment) {
    AttemptRef ref = assignment.getAttempt();
    if (!seen.add(ref.getStepId() + "/" + ref.getAttempt())) {
      return;
    }
    Attempt attempt = new Attempt(step(assignment), registry.get(assignment.getWorkflowName()), null);
    if (assignment.hasLeaseExpiresAt()) {
      attempt.startBefore(ProtoMapping.instant(assignment.getLeaseExpiresAt()));
    }
    inFlight.put(ref.getStepId(), attempt);
    try {
      slots.execute(() -> {
        try {
          runner.run(attempt);
        } finally {
          inFlight.remove(ref.getStepId(), attempt);
        }
      });
    } catch (RejectedExecutionException shuttingDown) {
      inFlight.remove(ref.getStepId(), attempt);
    }
  }

  private AssignedStep step(Assignment assignment) {
    AttemptRef ref = assignment.getAttempt();
    StringBuilder parents = new StringBuilder("{");
    assignment.getParentOutputsJsonMap().forEach((name, json) -> {
      if (parents.length() > 1) {
        parents.append(',');
      }
      parents.append(codec.encode(name)).append(':').append(json);
    });
    return new AssignedStep(ref.getStepId(), UUID.fromString(ref.getRunId()), assignment.getWorkflowName(),
        assignment.getStepName(), ref.getAttempt(), assignment.getPreviousFailures(), null, Instant.now(),
        assignment.getInputJson(), codec.encode(assignment.getMetadataMap()), parents.append('}').toString(),
        assignment.getTraceParent().isEmpty() ? null : assignment.getTraceParent());
  }

  /** The engine took the attempt back (cancelled, timed out, lease lost): it stops, or never starts. */
  void cancelled(CancelAttempt cancel) {
    Attempt attempt = inFlight.get(cancel.getAttempt().getStepId());
    if (attempt != null && attempt.assigned().attempt() == cancel.getAttempt().getAttempt()
        && attempt.claimReport()) {
      log.info("worker {}: engine cancelled {} ({})", workerId, attempt, cancel.getReason());
      attempt.interrupt();
    }
  }

  /** The attempts still running (named again when the worker registers). */
  Map<Long, AttemptRef> running() {
    Map<Long, AttemptRef> running = new LinkedHashMap<>();
    inFlight.forEach((step, attempt) -> {
      if (!attempt.isReported()) {
        running.put(step, ProtoMapping.attempt(attempt.ref()));
      }
    });
    return running;
  }

  /** Interrupts every running attempt (the worker is closing and its shutdown time is over). */
  void interruptAll() {
    inFlight.values().forEach(Attempt::interrupt);
  }

  @Override
  public void succeeded(Attempt attempt, String outputJson) {
    result(attempt, result -> result.setOutputJson(outputJson));
  }

  @Override
  public void failed(Attempt attempt, String error, boolean retryable) {
    log.info("{} failed{}: {}", attempt, retryable ? "" : " (not retryable)", error);
    result(attempt, result -> result.setFailure(Failure.newBuilder().setError(error).setRetryable(retryable)));
  }

  @Override
  public void suspended(Attempt attempt, Wait wait) {
    Suspension.Builder proto = Suspension.newBuilder().setKind(wait.kind())
        .setEventKey(ProtoMapping.nullToEmpty(wait.eventKey()));
    if (wait.wakeAt() != null) {
      proto.setWakeAt(ProtoMapping.timestamp(wait.wakeAt()));
    }
    if (wait.eventSince() != null) {
      proto.setEventSince(ProtoMapping.timestamp(wait.eventSince()));
    }
    if (wait.runs() != null) {
      wait.runs().forEach(run -> proto.addChildRunIds(run.toString()));
    }
    result(attempt, result -> result.setSuspension(proto));
  }

  @Override
  public void notStarted(Attempt attempt) {
    result(attempt, result -> result.setNotStarted(NotStarted.getDefaultInstance()));
  }

  private void result(Attempt attempt, Function<StepResult.Builder, StepResult.Builder> outcome) {
    StepResult.Builder result = StepResult.newBuilder().setAttempt(ProtoMapping.attempt(attempt.ref()));
    stream.result(attempt.assigned().stepId(), WorkerMessage.newBuilder().setResult(outcome.apply(result)).build());
  }

  @Override
  public void emitted(Attempt attempt, String type, String payloadJson) {
    stream.sendIfRegistered(WorkerMessage.newBuilder().setProgress(Progress.newBuilder()
        .setAttempt(ProtoMapping.attempt(attempt.ref())).setType(type)
        .setPayloadJson(ProtoMapping.nullToEmpty(payloadJson))).build());
  }

  @Override
  public void logged(Attempt attempt, String message) {
    log.info("{}: {}", attempt, message);
    stream.sendIfRegistered(WorkerMessage.newBuilder().setLog(LogLine.newBuilder()
        .setAttempt(ProtoMapping.attempt(attempt.ref())).setLevel("INFO").setMessage(message)).build());
  }

  @Override
  public void extended(Attempt attempt, Duration extra) {
    stream.sendIfRegistered(WorkerMessage.newBuilder().setExtendTimeout(ExtendTimeout.newBuilder()
        .setAttempt(ProtoMapping.attempt(attempt.ref())).setExtraMs(extra.toMillis())).build());
  }
}
