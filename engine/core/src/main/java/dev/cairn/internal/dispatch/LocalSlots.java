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
import dev.cairn.internal.execution.AttemptTracing;
import dev.cairn.internal.execution.StepRunner;
import dev.cairn.internal.execution.Wait;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
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
 * attempt is handed over (or, if none is free, by the attempt's turn in a short backlog) and given back when its
 * thread is done with it, even when the attempt's end was decided
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
  /**
   * Attempts handed over when no slot was free: the dispatcher and a transaction's fast path both claim up to the
   * free slots they see, and may meet on the last ones. Rare and short: each waits for the next freed slot, leased
   * and renewed like a running attempt.
   */
  private final Queue<Attempt> backlog = new ConcurrentLinkedQueue<>();
  private volatile boolean stopping;
  private final Map<String, String> labels;

  public LocalSlots(String nodeId, int slots, WorkflowRegistry registry, AttemptTracker tracker, PayloadCodec codec,
      Composition composition, List<StepInterceptor> interceptors, CairnClock clock, Map<String, String> labels,
      Runnable slotFreed, AttemptTracing tracing) {
    this.labels = Map.copyOf(labels);
    this.nodeId = nodeId;
    this.registry = registry;
    this.tracker = tracker;
    this.slotFreed = slotFreed;
    this.slots = new Semaphore(slots);
    this.threads = Executors.newFixedThreadPool(slots, named("cairn-slot-"));
    this.runner = new StepRunner(this, codec, composition, interceptors, clock::now, tracing);
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
    return stopping ? 0 : Math.max(0, slots.availablePermits() - backlog.size());
  }

  @Override
  public void start(TrackedAttempt tracked) {
    Attempt attempt = new Attempt(tracked.step(), tracked.workflow(), holder());
    running.put(tracked.ref().stepId(), attempt);
    if (slots.tryAcquire()) {
      execute(attempt);
    } else {
      backlog.add(attempt); // the next freed slot runs it
      if (slots.tryAcquire()) { // one freed between the two looks
        runNextOrRelease();
      }
    }
  }

  /** Runs {@code attempt} in a slot already taken for it; the slot goes to the backlog's next attempt after it. */
  private void execute(Attempt attempt) {
    try {
      threads.execute(() -> {
        try {
          runner.run(attempt);
        } finally {
          running.remove(attempt.ref().stepId(), attempt);
          runNextOrRelease();
        }
      });
    } catch (RejectedExecutionException stopped) {
      running.remove(attempt.ref().stepId(), attempt);
      slots.release();
      throw stopped;
    }
  }

  /** Gives a slot just freed to the oldest attempt waiting for one, or back to the pool. */
  private void runNextOrRelease() {
    Attempt next = stopping ? null : backlog.poll();
    if (next == null) {
      slots.release();
      slotFreed.run();
      return;
    }
    try {
      execute(next);
    } catch (RejectedExecutionException stopped) {
      // shutting down: close() hands the attempt back
    }
  }

  @Override
  public void stop(AttemptId ref, String reason) {
    Attempt attempt = running.get(ref.stepId());
    if (attempt != null && attempt.ref().equals(ref) && backlog.remove(attempt)) {
      running.remove(ref.stepId(), attempt);
      return; // it never started
    }
    if (attempt != null && attempt.ref().equals(ref)) {
      attempt.claimReport();
      attempt.interrupt();
    }
  }

  @Override
  public void succeeded(Attempt attempt, String outputJson) {
    // On the slot's thread, done with its step (nothing left to interrupt). When no other attempt runs here, its
    // result is written on this thread, a hand-over fewer; with others running, the completer's thread batches the
    // results of many.
    running.remove(attempt.ref().stepId(), attempt);
    boolean alone = running.isEmpty();
    tracker.succeeded(attempt.ref(), outputJson, alone).ifPresent(accepted -> accepted.whenComplete((ok, error) -> {
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
  public void notStarted(Attempt attempt) {
    tracker.notStarted(attempt.ref());
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
      if (!threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS) || !backlog.isEmpty()) {
        tracker.handBack(this);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
