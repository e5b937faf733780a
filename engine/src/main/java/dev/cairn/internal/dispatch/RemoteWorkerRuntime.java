package dev.cairn.internal.dispatch;

import dev.cairn.CairnListener;
import dev.cairn.db.AttemptRef;
import dev.cairn.db.ClaimedStep;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.grpc.ProtoMapping;
import dev.cairn.internal.grpc.RemoteComposition;
import dev.cairn.internal.grpc.RemoteDefinitions;
import dev.cairn.internal.service.DaemonThread;
import dev.cairn.internal.service.ReconnectBackoff;
import dev.cairn.internal.service.Wakeup;
import dev.cairn.proto.v1.Assignment;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.ExtendTimeout;
import dev.cairn.proto.v1.Failure;
import dev.cairn.proto.v1.Heartbeat;
import dev.cairn.proto.v1.MessageRejected;
import dev.cairn.proto.v1.Progress;
import dev.cairn.proto.v1.Register;
import dev.cairn.proto.v1.Registered;
import dev.cairn.proto.v1.StepResult;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of the worker stream (behind {@link dev.cairn.worker.CairnWorker}): connects, registers the
 * workflows, runs assignments on its slot threads with the same runner as the engine, and sends results,
 * progress, timeout extensions and heartbeats. When the stream or the engine goes away it reconnects with
 * backoff and registers again with the attempts it still runs (the engine keeps them while their lease holds);
 * results produced while disconnected are sent after the reconnect, where the fence decides. An assignment seen
 * before is never run again. Logs at INFO on connect, register, stream lost and regained. Thread-safe.
 */
public final class RemoteWorkerRuntime {
  private static final Logger log = LoggerFactory.getLogger(RemoteWorkerRuntime.class);
  private static final int MAX_SEEN = 100_000;

  /** How the worker is set up. */
  public record Settings(String workerId, int slots, Map<String, String> labels, Duration shutdownTimeout) {}

  private final WorkerServiceGrpc.WorkerServiceStub stub;
  private final WorkflowRegistry registry;
  private final Settings settings;
  private final PayloadCodec codec = new PayloadCodec();
  private final ExecutorService slotThreads;
  private final ScheduledExecutorService timer;
  private final StepRunner runner;
  private final Map<Long, Attempt> inFlight = new ConcurrentHashMap<>();
  /** Assignments seen recently (a redelivered one is never run twice); the oldest are forgotten past the cap. */
  private final Set<String> seen = java.util.Collections.newSetFromMap(java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > MAX_SEEN;
        }
      }));
  /** Results sent or to send, by step id, until the engine acknowledges them (after its commit). */
  private final Map<Long, WorkerMessage> unacknowledged = new ConcurrentHashMap<>();
  private final DaemonThread connection;
  private final Wakeup reconnect = new Wakeup();
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile StreamObserver<WorkerMessage> stream;
  private volatile boolean registered;
  private final ReconnectBackoff backoff = new ReconnectBackoff(System::nanoTime);
  private volatile Duration eventLookback = Duration.ofSeconds(60);
  private ScheduledFuture<?> heartbeats;

  public RemoteWorkerRuntime(WorkerServiceGrpc.WorkerServiceStub stub,
      WorkerServiceGrpc.WorkerServiceBlockingStub operations, WorkflowRegistry registry, Settings settings) {
    this.stub = stub;
    this.registry = registry;
    this.settings = settings;
    AtomicInteger threads = new AtomicInteger();
    this.slotThreads = Executors.newFixedThreadPool(settings.slots(), task -> {
      Thread thread = new Thread(task, "cairn-worker-slot-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "cairn-worker-timer");
      thread.setDaemon(true);
      return thread;
    });
    this.runner = new StepRunner(sink(), codec, timer, () -> ThreadLocalRandom.current().nextDouble(),
        new CairnListener() {}, new dev.cairn.internal.composition.Composition(
            new RemoteComposition(operations, codec, settings.workerId()), codec, () -> eventLookback));
    this.connection = new DaemonThread("cairn-worker-connection");
  }

  public void start() {
    connection.start(this::connectLoop);
  }

  /** Whether the worker is registered on a live stream now. */
  public boolean isRegistered() {
    return registered;
  }

  /**
   * Stops taking work, lets running attempts finish (up to the shutdown timeout), sends their results, hangs up.
   * Idempotent.
   */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    slotThreads.shutdown();
    try {
      if (!slotThreads.awaitTermination(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        inFlight.values().forEach(Attempt::interrupt);
        slotThreads.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.stop(reconnect::signal, Duration.ofSeconds(5));
    StreamObserver<WorkerMessage> current = stream;
    if (current != null) {
      flushUnsent(current);
      synchronized (this) {
        try {
          current.onCompleted();
        } catch (RuntimeException alreadyClosed) {
          // the stream ended on its own meanwhile
        }
      }
    }
    timer.shutdownNow();
  }

  private void connectLoop() {
    boolean connectedBefore = false;
    while (connection.running()) {
      CompletableFuture<Throwable> ended = new CompletableFuture<>();
      long delay;
      try {
        StreamObserver<WorkerMessage> requests = stub.connect(responses(ended));
        stream = requests;
        log.info("worker {} {} the engine", settings.workerId(), connectedBefore ? "reconnected to" : "connected to");
        send(requests, WorkerMessage.newBuilder().setRegister(register()).build());
        Throwable error = ended.get();
        if (!connection.running()) {
          return;
        }
        delay = backoff.nextDelayMillis();
        log.info("worker {} lost its stream to the engine ({}); reconnecting in {} ms", settings.workerId(),
            error == null ? "closed by the engine" : error.getMessage(), delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | ExecutionException e) {
        delay = backoff.nextDelayMillis();
        log.info("worker {} cannot reach the engine ({}); retrying in {} ms", settings.workerId(), e.getMessage(),
            delay);
      }
      registered = false;
      stream = null;
      stopHeartbeats();
      connectedBefore = true;
      try {
        reconnect.await(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Register register() {
    Register.Builder register = Register.newBuilder().setWorkerId(settings.workerId()).setSlots(settings.slots())
        .putAllLabels(settings.labels());
    for (String name : registry.names()) {
      register.addWorkflows(RemoteDefinitions.toProto(registry.get(name)));
    }
    // Every attempt this worker still answers for: those running, and those whose result waits to be sent (the
    // engine hands back any attempt leased to this worker that is not named here).
    Map<Long, dev.cairn.proto.v1.AttemptRef> running = new java.util.LinkedHashMap<>();
    for (Attempt attempt : inFlight.values()) {
      if (!attempt.isReported()) {
        running.put(attempt.claimed.id(), ProtoMapping.attempt(attempt.ref()));
      }
    }
    for (WorkerMessage message : unacknowledged.values()) {
      running.put(message.getResult().getAttempt().getStepId(), message.getResult().getAttempt());
    }
    return register.addAllRunning(running.values()).build();
  }

  private StreamObserver<EngineMessage> responses(CompletableFuture<Throwable> ended) {
    return new StreamObserver<>() {
      @Override
      public void onNext(EngineMessage message) {
        switch (message.getKindCase()) {
          case REGISTERED -> registered(message.getRegistered());
          case ASSIGNMENT -> assigned(message.getAssignment());
          case CANCEL -> cancelled(message.getCancel());
          case REJECTED -> rejected(message.getRejected());
          case RESULT_ACK -> acknowledged(message.getResultAck().getAttempt());
          default -> log.warn("worker {} ignores an engine message it does not know: {}", settings.workerId(),
              message.getKindCase());
        }
      }

      @Override
      public void onError(Throwable error) {
        ended.complete(error);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    };
  }

  private void registered(Registered answer) {
    log.info("worker {} registered (session {}): serves {}", settings.workerId(), answer.getSessionId(),
        answer.getAcceptedList());
    answer.getMismatchesList().forEach(mismatch -> log.warn("WORKER DEFINITION MISMATCH: the engine refuses"
        + " workflow {} from worker {}: this worker's definition is {}, runs start with {}. This worker will get no"
        + " work for it: deploy the same code everywhere, or replay the runs after deploying.",
        mismatch.getWorkflowName(), settings.workerId(), mismatch.getWorkerFingerprint(),
        mismatch.getEngineFingerprint()));
    if (answer.getEventLookbackMs() > 0) {
      eventLookback = Duration.ofMillis(answer.getEventLookbackMs());
    }
    long every = Math.max(50, answer.getLeaseMs() / 3);
    stopHeartbeats();
    heartbeats = timer.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    registered = true;
    backoff.connected();
    StreamObserver<WorkerMessage> current = stream;
    if (current != null) {
      flushUnsent(current);
    }
  }

  private void heartbeat() {
    StreamObserver<WorkerMessage> current = stream;
    if (current != null && registered) {
      send(current, WorkerMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
    }
  }

  private void stopHeartbeats() {
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
  }

  private void assigned(Assignment assignment) {
    dev.cairn.proto.v1.AttemptRef ref = assignment.getAttempt();
    if (!seen.add(ref.getStepId() + "/" + ref.getAttempt())) {
      return;
    }
    WorkflowDefinition workflow = registry.get(assignment.getWorkflowName());
    StringBuilder parents = new StringBuilder("{");
    assignment.getParentOutputsJsonMap().forEach((name, json) -> {
      if (parents.length() > 1) {
        parents.append(',');
      }
      parents.append(codec.encode(name)).append(':').append(json);
    });
    ClaimedStep claimed = new ClaimedStep(ref.getStepId(), java.util.UUID.fromString(ref.getRunId()),
        assignment.getWorkflowName(), assignment.getStepName(), ref.getAttempt(), assignment.getPreviousFailures(),
        null, Instant.now(), assignment.getInputJson(), codec.encode(assignment.getMetadataMap()),
        parents.append('}').toString());
    Attempt attempt = new Attempt(claimed, workflow, workflow.step(assignment.getStepName()), null);
    if (assignment.hasLeaseExpiresAt()) {
      attempt.startBefore(ProtoMapping.instant(assignment.getLeaseExpiresAt()));
    }
    inFlight.put(ref.getStepId(), attempt);
    try {
      slotThreads.execute(() -> {
        try {
          runner.run(attempt);
        } finally {
          inFlight.remove(ref.getStepId(), attempt);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      inFlight.remove(ref.getStepId(), attempt);
    }
  }

  private void cancelled(dev.cairn.proto.v1.CancelAttempt cancel) {
    Attempt attempt = inFlight.get(cancel.getAttempt().getStepId());
    if (attempt != null && attempt.claimed.attempt() == cancel.getAttempt().getAttempt() && attempt.claimReport()) {
      log.info("worker {}: engine cancelled {} ({})", settings.workerId(), attempt, cancel.getReason());
      attempt.interrupt();
    }
  }

  private void rejected(MessageRejected rejected) {
    log.warn("worker {}: the engine refused a message ({}): {}", settings.workerId(), rejected.getCode(),
        rejected.getReason());
    if (rejected.hasAttempt()) {
      acknowledged(rejected.getAttempt());
    }
  }

  /** The engine has applied or refused the result of this attempt: it need not be sent again. */
  private void acknowledged(dev.cairn.proto.v1.AttemptRef attempt) {
    unacknowledged.computeIfPresent(attempt.getStepId(),
        (step, result) -> result.getResult().getAttempt().equals(attempt) ? null : result);
  }

  private OutcomeSink sink() {
    return outcome -> {
      WorkerMessage message = message(outcome);
      if (message != null) {
        if (message.hasResult()) {
          unacknowledged.put(message.getResult().getAttempt().getStepId(), message);
        }
        StreamObserver<WorkerMessage> current = stream;
        if (current != null && registered) {
          send(current, message);
        }
      }
      return CompletableFuture.completedFuture(true);
    };
  }

  private WorkerMessage message(StepOutcome outcome) {
    if (outcome instanceof StepOutcome.Succeeded success) {
      return WorkerMessage.newBuilder().setResult(StepResult.newBuilder().setAttempt(ProtoMapping.attempt(success.attempt()))
          .setOutputJson(success.outputJson())).build();
    }
    if (outcome instanceof StepOutcome.Failed failure) {
      return WorkerMessage.newBuilder().setResult(StepResult.newBuilder().setAttempt(ProtoMapping.attempt(failure.attempt()))
          .setFailure(Failure.newBuilder().setError(failure.error()).setRetryable(failure.retryDelayMillis() != null)
              .setTimedOut(failure.timedOut()))).build();
    }
    if (outcome instanceof StepOutcome.Emitted emitted) {
      return WorkerMessage.newBuilder().setProgress(Progress.newBuilder().setAttempt(ProtoMapping.attempt(emitted.attempt()))
          .setType(emitted.type()).setPayloadJson(ProtoMapping.nullToEmpty(emitted.payloadJson()))).build();
    }
    if (outcome instanceof StepOutcome.Suspended suspended) {
      dev.cairn.db.StepSuspension wait = suspended.suspension();
      dev.cairn.proto.v1.Suspension.Builder proto = dev.cairn.proto.v1.Suspension.newBuilder().setKind(wait.kind())
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
      return WorkerMessage.newBuilder().setResult(StepResult.newBuilder()
          .setAttempt(ProtoMapping.attempt(suspended.attempt())).setSuspension(proto)).build();
    }
    if (outcome instanceof StepOutcome.Logged logged) {
      return WorkerMessage.newBuilder().setLog(dev.cairn.proto.v1.LogLine.newBuilder()
          .setAttempt(ProtoMapping.attempt(logged.attempt())).setLevel("INFO").setMessage(logged.message())).build();
    }
    if (outcome instanceof StepOutcome.TimeoutExtended extended) {
      return WorkerMessage.newBuilder().setExtendTimeout(ExtendTimeout.newBuilder()
          .setAttempt(ProtoMapping.attempt(extended.attempt())).setExtraMs(extended.extraMillis())).build();
    }
    return null;
  }

  /** Sends every result not acknowledged yet (after a registration: the last stream may have lost them). */
  private void flushUnsent(StreamObserver<WorkerMessage> current) {
    new ArrayList<>(unacknowledged.values()).forEach(message -> send(current, message));
  }

  private synchronized void send(StreamObserver<WorkerMessage> current, WorkerMessage message) {
    try {
      current.onNext(message);
    } catch (RuntimeException e) {
      // The stream is gone; a result stays unacknowledged and is sent again after the next registration.
      log.debug("worker {}: sending failed: {}", settings.workerId(), e.toString());
    }
  }
}
