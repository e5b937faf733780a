package dev.cairn.internal.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told: timers that come due run in order on one timer thread, then every attached
 * engine looks again at what time decides. The SQL sees its time too. The test kit's TestClock adds skipping on
 * top of it; the engine's own tests use it directly. Never moves backwards. Thread-safe.
 */
public class ManualClock implements DrivenClock {
  private final Object lock = new Object();
  private final PriorityQueue<ScheduledTask> timers = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final List<Timeline> engines = new CopyOnWriteArrayList<>();
  private final ExecutorService timerThread = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "cairn-manual-clock-timer");
    thread.setDaemon(true);
    return thread;
  });
  private Instant now;
  private boolean shutDown;

  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  @Override
  public final Instant now() {
    synchronized (lock) {
      return now;
    }
  }

  /** The database sees this clock's time too. */
  @Override
  public final Instant sqlNow() {
    return now();
  }

  /** Moves the clock forward by {@code amount}; see {@link #advanceTo}. */
  public final void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time does not move backwards: " + amount);
    }
    synchronized (lock) {
      moveTo(now.plus(amount));
    }
    afterMove();
  }

  /**
   * Moves the clock to {@code instant} (if it is later): the timers due by then run in order on the timer thread,
   * and every attached engine looks again at what time decides (queued retries, sleeps, waits, sweeps).
   */
  public final void advanceTo(Instant instant) {
    synchronized (lock) {
      moveTo(instant);
    }
    afterMove();
  }

  private void moveTo(Instant target) {
    if (target.isAfter(now)) {
      now = target;
    }
    while (!timers.isEmpty() && !timers.peek().at.isAfter(now)) {
      ScheduledTask due = timers.poll();
      if (!due.cancelled) {
        timerThread.execute(due.task);
      }
    }
  }

  private void afterMove() {
    for (Timeline engine : engines) {
      engine.timeMoved();
    }
  }

  @Override
  public final Timer at(Instant at, Runnable task) {
    ScheduledTask scheduled = new ScheduledTask(at, sequence.incrementAndGet(), task);
    synchronized (lock) {
      if (shutDown) {
        return () -> { };
      }
      if (!at.isAfter(now)) {
        timerThread.execute(task);
        return () -> { };
      }
      timers.add(scheduled);
    }
    return () -> scheduled.cancelled = true;
  }

  /** The earliest timer not yet run, if any. */
  protected final Optional<Instant> nextTimer() {
    synchronized (lock) {
      timers.removeIf(task -> task.cancelled);
      return timers.isEmpty() ? Optional.empty() : Optional.of(timers.peek().at);
    }
  }

  /** The engines attached now. */
  protected final List<Timeline> engines() {
    return engines;
  }

  @Override
  public void attach(Timeline engine) {
    engines.add(engine);
  }

  @Override
  public void detach(Timeline engine) {
    engines.remove(engine);
  }

  /** Stops the timer thread; timers not run are dropped and new ones ignored. */
  @Override
  public void shutdown() {
    synchronized (lock) {
      shutDown = true;
      timers.clear();
    }
    timerThread.shutdownNow();
  }

  /** Whether {@link #shutdown} was called. */
  protected final boolean isShutDown() {
    synchronized (lock) {
      return shutDown;
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + now() + "]";
  }

  private static final class ScheduledTask implements Comparable<ScheduledTask> {
    final Instant at;
    final long order;
    final Runnable task;
    volatile boolean cancelled;

    ScheduledTask(Instant at, long order, Runnable task) {
      this.at = at;
      this.order = order;
      this.task = task;
    }

    @Override
    public int compareTo(ScheduledTask other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }
}
