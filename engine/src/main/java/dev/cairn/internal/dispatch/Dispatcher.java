package dev.cairn.internal.dispatch;

import dev.cairn.CairnListener;
import dev.cairn.db.ClaimedStep;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.completion.Completer;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.composition.Composition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.service.DaemonThread;
import dev.cairn.internal.service.Wakeup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims queued steps for this node's free slots and hands each to a slot thread. It sleeps until woken (a
 * NOTIFY, a local completion that queued steps, a retry falling due, a freed slot while saturated) or, as a
 * slow fallback, for the poll interval. Thread-safe; owns the dispatcher thread, the slot threads and the timer.
 */
public final class Dispatcher {
  /** Most steps claimed by one statement. */
  public static final int MAX_CLAIM = 128;
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** How the dispatcher is set up. */
  public record Settings(String workerId, int slots, Duration lease, Duration pollInterval, Duration shutdownTimeout,
      String eventsChannel) {
    /** The lease holder of this node's own attempts. */
    public String holder() {
      return "node/" + workerId;
    }
  }

  private final Store store;
  private final Completer completer;
  private final WorkflowRegistry registry;
  private final Settings settings;
  private final CairnListener listener;
  private final Semaphore slots;
  private final Wakeup work = new Wakeup();
  private final Wakeup slotFreed = new Wakeup();
  private final Map<Long, Attempt> inFlight = new ConcurrentHashMap<>();
  private final ExecutorService slotThreads;
  private final ScheduledExecutorService timer;
  private final StepRunner runner;
  private final DaemonThread thread = new DaemonThread("cairn-dispatcher");
  private volatile boolean saturated;

  public Dispatcher(Store store, Completer completer, WorkflowRegistry registry, PayloadCodec codec,
      Settings settings, DoubleSupplier jitter, CairnListener listener, Composition composition) {
    this.store = store;
    this.completer = completer;
    this.registry = registry;
    this.settings = settings;
    this.listener = listener;
    this.slots = new Semaphore(settings.slots());
    this.slotThreads = Executors.newFixedThreadPool(settings.slots(), named("cairn-slot"));
    this.timer = Executors.newSingleThreadScheduledExecutor(named("cairn-timer"));
    this.runner = new StepRunner(completer, codec, timer, jitter, listener, composition);
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread created = new Thread(task, prefix + "-" + count.incrementAndGet());
      created.setDaemon(true);
      return created;
    };
  }

  /** Something was queued: look now. */
  public void wake() {
    work.signal();
  }

  /** Something will be available after {@code delayMillis}: look then. */
  public void wakeAfter(long delayMillis) {
    if (thread.running()) {
      timer.schedule(work::signal, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  public int freeSlots() {
    return slots.availablePermits();
  }

  /** Interrupts the attempts of these steps running here (they were cancelled); their results will be refused. */
  public void interruptSteps(java.util.Collection<Long> stepIds) {
    for (Long stepId : stepIds) {
      Attempt attempt = inFlight.get(stepId);
      if (attempt != null && attempt.claimReport()) {
        log.info("{} was cancelled; interrupting it", attempt);
        attempt.interrupt();
      }
    }
  }

  /** Attempts running here, for the lease keeper. */
  Collection<Attempt> inFlight() {
    return inFlight.values();
  }

  public void start() {
    thread.start(this::loop);
  }

  private void loop() {
    try {
      while (thread.running()) {
        int free = slots.availablePermits();
        if (free == 0) {
          saturated = true;
          slotFreed.await(settings.pollInterval().toMillis());
          continue;
        }
        saturated = false;
        int limit = Math.min(free, MAX_CLAIM);
        List<ClaimedStep> claimed = claim(limit);
        for (ClaimedStep step : claimed) {
          launch(step);
        }
        if (claimed.size() < limit) {
          work.await(settings.pollInterval().toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<ClaimedStep> claim(int limit) throws InterruptedException {
    try {
      return store.stepDequeueAndLease(registry.localNames(), registry.localFingerprints(), limit,
          settings.workerId(), settings.holder(), settings.lease().toMillis(), settings.eventsChannel());
    } catch (RuntimeException e) {
      log.warn("dequeue failed, trying again after {}: {}", settings.pollInterval(), e.toString());
      work.await(settings.pollInterval().toMillis());
      return List.of();
    }
  }

  private void launch(ClaimedStep step) {
    slots.acquireUninterruptibly();
    WorkflowDefinition workflow = registry.get(step.workflowName());
    Attempt attempt = new Attempt(step, workflow, workflow.step(step.stepName()), settings.holder());
    inFlight.put(step.id(), attempt);
    if (step.queuedAt() != null && step.startedAt() != null) {
      listener.stepStarted(step.workflowName(), step.stepName(), Duration.between(step.queuedAt(), step.startedAt()));
    }
    slotThreads.execute(() -> {
      try {
        runner.run(attempt);
      } finally {
        inFlight.remove(step.id());
        slots.release();
        if (saturated) {
          slotFreed.signal();
        }
      }
    });
  }

  /**
   * Stops claiming, lets running attempts finish for up to the shutdown timeout, then interrupts the rest and
   * hands their steps back to the queue (without counting a failure).
   */
  public void stop() {
    thread.stop(() -> {
      work.signal();
      slotFreed.signal();
    }, Duration.ofSeconds(10));
    try {
      slotThreads.shutdown();
      if (!slotThreads.awaitTermination(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        List<Attempt> unfinished = new ArrayList<>(inFlight.values());
        for (Attempt attempt : unfinished) {
          if (attempt.claimReport()) {
            log.info("shutting down: handing {} back to the queue", attempt);
            completer.submit(new StepOutcome.Released(attempt.ref()));
            attempt.interrupt();
          }
        }
        slotThreads.shutdownNow();
        slotThreads.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      timer.shutdownNow();
    }
  }
}
