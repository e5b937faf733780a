package dev.cairn.internal.dispatch;

import dev.cairn.CairnClock;
import dev.cairn.StepInterceptor;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.execution.Attempt;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.AttemptReports;
import dev.cairn.internal.execution.Composition;
import dev.cairn.internal.execution.StepRunner;
import dev.cairn.internal.execution.Wait;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's own slots: a thread per slot running attempts of the workflows registered on the engine. What an
 * attempt reports goes to the {@link AttemptTracker}, like a remote worker's results. A slot is taken when an
 * attempt is handed over and given back when its thread is done with it, even when the attempt's end was decided
 * earlier (a timeout decides at the deadline; the thread may take longer to notice its interrupt): the count never
 * exceeds the threads really busy. Thread-safe.
 */
public final class LocalSlots implements SlotPool, AttemptReports {
  private static final Logger log = LoggerFactory.getLogger(LocalSlots.class);

  private final String nodeId;
  private final WorkflowRegistry registry;
  private final AttemptTracker tracker;
  private final Runnable slotFreed;
  private final Semaphore slots;
  private final ExecutorService threads;
  private final StepRunner runner;
  private final Map<Long, Attempt> running = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private final Map<String, String> labels;

  public LocalSlots(String nodeId, int slots, WorkflowRegistry registry, AttemptTracker tracker, PayloadCodec codec,
      Composition composition, List<StepInterceptor> interceptors, CairnClock clock, Map<String, String> labels,
      Runnable slotFreed) {
    this.labels = Map.copyOf(labels);
    this.nodeId = nodeId;
    this.registry = registry;
    this.tracker = tracker;
    this.slotFreed = slotFreed;
    this.slots = new Semaphore(slots);
    this.threads = Executors.newFixedThreadPool(slots, named("cairn-slot-"));
    this.runner = new StepRunner(this, codec, composition, interceptors, clock::now);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread created = new Thread(task, prefix + count.incrementAndGet());
      created.setDaemon(true);
      return created;
    };
  }

  @Override
  public String describe() {
    return "node " + nodeId;
  }

  @Override
  public String workerId() {
    return nodeId;
  }

  @Override
  public String holder() {
    return "node/" + nodeId;
  }

  @Override
  public Collection<String> workflows() {
    return registry.localNames();
  }

  @Override
  public Collection<String> fingerprints() {
    return registry.localFingerprints();
  }

  @Override
  public Map<String, String> labels() {
    return labels;
  }

  @Override
  public int freeSlots() {
    return stopping ? 0 : slots.availablePermits();
  }

  @Override
  public void start(TrackedAttempt tracked) {
    slots.acquireUninterruptibly();
    WorkflowDefinition workflow = tracked.workflow();
    Attempt attempt = new Attempt(tracked.step(), workflow, holder());
    running.put(tracked.ref().stepId(), attempt);
    threads.execute(() -> {
      try {
        runner.run(attempt);
      } finally {
        running.remove(tracked.ref().stepId(), attempt);
        slots.release();
        slotFreed.run();
      }
    });
  }

  @Override
  public void stop(AttemptId ref, String reason) {
    Attempt attempt = running.get(ref.stepId());
    if (attempt != null && attempt.ref().equals(ref)) {
      attempt.claimReport();
      attempt.interrupt();
    }
  }

  @Override
  public void succeeded(Attempt attempt, String outputJson) {
    tracker.succeeded(attempt.ref(), outputJson).ifPresent(accepted -> accepted.whenComplete((ok, error) -> {
      if (error != null) {
        // PostgreSQL refused the output itself: the step cannot succeed with it.
        log.warn("the output of {} cannot be stored: {}", attempt, error.toString());
      } else if (!ok) {
        log.info("result of {} refused: the attempt was superseded", attempt);
      }
    }));
  }

  @Override
  public void failed(Attempt attempt, String error, boolean retryable) {
    tracker.failed(attempt.ref(), error, retryable);
  }

  @Override
  public void suspended(Attempt attempt, Wait wait) {
    tracker.suspended(attempt.ref(), wait);
  }

  @Override
  public void emitted(Attempt attempt, String type, String payloadJson) {
    tracker.emitted(attempt.ref(), type, payloadJson);
  }

  @Override
  public void logged(Attempt attempt, String message) {
    log.info("{}: {}", attempt, message);
  }

  @Override
  public void extended(Attempt attempt, Duration extra) {
    tracker.extend(attempt.ref(), extra);
  }

  /**
   * Stops taking attempts, lets running ones finish for up to {@code timeout}, then hands the rest back to the
   * queue (without counting a failure) and interrupts them.
   */
  public void close(Duration timeout) {
    stopping = true;
    threads.shutdown();
    try {
      if (!threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        tracker.handBack(this);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
