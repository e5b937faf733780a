package dev.cairn.internal.worker;

import dev.cairn.RateLimits;
import dev.cairn.StepInterceptor;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.concurrent.DaemonThread;
import dev.cairn.internal.concurrent.ReconnectBackoff;
import dev.cairn.internal.concurrent.Wakeup;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.execution.Composition;
import dev.cairn.internal.execution.AttemptTracing;
import dev.cairn.internal.execution.StepRunner;
import dev.cairn.internal.wire.RemoteDefinitions;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.MessageRejected;
import dev.cairn.proto.v1.RateLimitSetting;
import dev.cairn.proto.v1.Register;
import dev.cairn.proto.v1.Registered;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of the worker stream (behind {@link dev.cairn.worker.CairnWorker}): connects, registers the
 * workflows with the attempts it still answers for, runs assignments on its slot threads with the same runner as
 * the engine, and sends results (kept until acknowledged), progress, timeout extensions and heartbeats. When the
 * stream or the engine goes away it reconnects with backoff (starting over after a healthy session). Logs at INFO on
 * connect, register, stream lost and regained. Thread-safe.
 */
public final class RemoteWorkerRuntime {
  private static final Logger log = LoggerFactory.getLogger(RemoteWorkerRuntime.class);

  /** How the worker is set up. */
  public record Settings(String workerId, int slots, Map<String, String> labels, String version,
      Duration shutdownTimeout, List<StepInterceptor> interceptors, List<RateLimits.Limit> rateLimits, String host,
      OpenTelemetry openTelemetry) {}

  private final WorkerServiceGrpc.WorkerServiceStub stub;
  private final WorkflowRegistry registry;
  private final Settings settings;
  private final ExecutorService slotThreads;
  private final ScheduledExecutorService timer;
  private final EngineStream stream;
  private final WorkerAttempts attempts;
  private final DaemonThread connection = new DaemonThread("cairn-worker-connection");
  private final Wakeup reconnect = new Wakeup();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ReconnectBackoff backoff = new ReconnectBackoff(System::nanoTime);
  private volatile Duration eventLookback = Duration.ofSeconds(60);
  private final WorkerMeters meters;
  private ScheduledFuture<?> heartbeats;

  /** @param meters where steps, slots and reconnects are counted; null for none */
  public RemoteWorkerRuntime(WorkerServiceGrpc.WorkerServiceStub stub,
      WorkerServiceGrpc.WorkerServiceBlockingStub operations, WorkflowRegistry registry, Settings settings,
      WorkerMeters meters) {
    this.stub = stub;
    this.meters = meters;
    this.registry = registry;
    this.settings = settings;
    this.slotThreads = Executors.newFixedThreadPool(settings.slots(), named("cairn-worker-slot-"));
    this.timer = Executors.newSingleThreadScheduledExecutor(named("cairn-worker-timer-"));
    this.stream = new EngineStream(settings.workerId());
    PayloadCodec codec = new PayloadCodec();
    this.attempts = new WorkerAttempts(settings.workerId(), registry, codec, slotThreads, stream);
    attempts.runWith(new StepRunner(attempts, codec, new Composition(
        new RemoteComposition(operations, codec, settings.workerId()), codec, () -> eventLookback),
        meters == null ? settings.interceptors() : withFirst(meters, settings.interceptors()), Instant::now,
        new AttemptTracing(settings.openTelemetry(), settings.workerId())));
  }

  private static List<StepInterceptor> withFirst(StepInterceptor first, List<StepInterceptor> others) {
    List<StepInterceptor> all = new ArrayList<>();
    all.add(first);
    all.addAll(others);
    return all;
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  public void start() {
    connection.start(this::connectLoop);
  }

  /** Whether the worker is registered on a live stream now. */
  public boolean isRegistered() {
    return stream.isRegistered();
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
        attempts.interruptAll();
        slotThreads.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.stop(reconnect::signal, Duration.ofSeconds(5));
    stream.complete();
    timer.shutdownNow();
  }

  private void connectLoop() {
    boolean connectedBefore = false;
    while (connection.running()) {
      CompletableFuture<Throwable> ended = new CompletableFuture<>();
      long delay;
      try {
        stream.opened(stub.connect(responses(ended)));
        log.info("worker {} {} the engine", settings.workerId(), connectedBefore ? "reconnected to" : "connected to");
        if (connectedBefore && meters != null) {
          meters.reconnected();
        }
        stream.register(WorkerMessage.newBuilder().setRegister(registration()).build());
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
      stream.lost();
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

  /** The registration: the workflows, and every attempt this worker still answers for (running or unacknowledged). */
  private Register registration() {
    Register.Builder register = Register.newBuilder().setWorkerId(settings.workerId()).setSlots(settings.slots())
        .putAllLabels(settings.labels()).setVersion(settings.version()).setHost(settings.host());
    settings.rateLimits().forEach(limit -> register.addRateLimits(RateLimitSetting.newBuilder().setName(limit.name())
        .setUnits(limit.units()).setPeriodMs(limit.period().toMillis())));
    for (String name : registry.names()) {
      register.addWorkflows(RemoteDefinitions.toProto(registry.get(name)));
    }
    Map<Long, AttemptRef> answerable = new LinkedHashMap<>(attempts.running());
    answerable.putAll(stream.unacknowledgedAttempts());
    return register.addAllRunning(answerable.values()).build();
  }

  /**
   * What the engine sends on the stream. These callbacks run on the connection's network thread (the stub's
   * executor is direct), so none of them may block: an assignment goes to a slot thread, the rest update memory
   * or log. Blocking here would stall every message of the connection.
   */
  private StreamObserver<EngineMessage> responses(CompletableFuture<Throwable> ended) {
    return new StreamObserver<>() {
      @Override
      public void onNext(EngineMessage message) {
        switch (message.getKindCase()) {
          case REGISTERED -> registered(message.getRegistered());
          case ASSIGNMENT -> attempts.assigned(message.getAssignment());
          case CANCEL -> attempts.cancelled(message.getCancel());
          case REJECTED -> rejected(message.getRejected());
          case RESULT_ACK -> stream.acknowledged(message.getResultAck().getAttempt());
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
    heartbeats = timer.scheduleAtFixedRate(stream::heartbeat, every, every, TimeUnit.MILLISECONDS);
    backoff.connected();
    stream.registered();
  }

  private void rejected(MessageRejected rejected) {
    log.warn("worker {}: the engine refused a message ({}): {}", settings.workerId(), rejected.getCode(),
        rejected.getReason());
    if (rejected.hasAttempt()) {
      stream.acknowledged(rejected.getAttempt());
    }
  }

  private void stopHeartbeats() {
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
  }
}
