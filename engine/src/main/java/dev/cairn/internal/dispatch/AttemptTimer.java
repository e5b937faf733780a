package dev.cairn.internal.dispatch;

import dev.cairn.internal.validate.Ranges;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Times execution deadlines of attempts on one scheduler thread. Thread-safe. */
final class AttemptTimer {
  private final ScheduledExecutorService scheduler;
  private final Consumer<Attempt> onTimeout;

  AttemptTimer(ScheduledExecutorService scheduler, Consumer<Attempt> onTimeout) {
    this.scheduler = scheduler;
    this.onTimeout = onTimeout;
  }

  void start(Attempt attempt, Duration timeout) {
    synchronized (attempt) {
      attempt.deadlineNanos = System.nanoTime() + timeout.toNanos();
      schedule(attempt);
    }
  }

  /** Moves the attempt's deadline later by {@code extra}. */
  void extend(Attempt attempt, Duration extra) {
    synchronized (attempt) {
      if (attempt.timeout == null || attempt.timeout.isDone()) {
        return;
      }
      attempt.timeout.cancel(false);
      // Never past the longest timeout an attempt may have, however often or by how much it extends.
      long latest = attempt.startedNanos + Ranges.MAX_STEP_TIMEOUT.toNanos();
      attempt.deadlineNanos = Math.min(latest, Ranges.plusSaturated(attempt.deadlineNanos, extra.toNanos()));
      schedule(attempt);
    }
  }

  void cancel(Attempt attempt) {
    synchronized (attempt) {
      if (attempt.timeout != null) {
        attempt.timeout.cancel(false);
      }
    }
  }

  private void schedule(Attempt attempt) {
    long delay = Math.max(0, attempt.deadlineNanos - System.nanoTime());
    attempt.timeout = scheduler.schedule(() -> onTimeout.accept(attempt), delay, TimeUnit.NANOSECONDS);
  }
}
