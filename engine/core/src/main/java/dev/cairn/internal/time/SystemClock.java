package dev.cairn.internal.time;

import dev.cairn.CairnClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The wall clock, with timers on one daemon thread; statements use the database's clock. Thread-safe. */
public final class SystemClock implements CairnClock {
  private final ScheduledThreadPoolExecutor timers = timers();

  private static ScheduledThreadPoolExecutor timers() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "cairn-timer");
      thread.setDaemon(true);
      return thread;
    });
    // Most timers are cancelled (an attempt's deadline once it ends): drop them at once rather than keeping every
    // cancelled ten-minute deadline in the queue until it would have fired.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public Instant sqlNow() {
    return null;
  }

  @Override
  public Timer at(Instant at, Runnable task) {
    long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
    try {
      ScheduledFuture<?> future = timers.schedule(task, delay, TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    } catch (RejectedExecutionException stopped) {
      return () -> { };
    }
  }

  @Override
  public void shutdown() {
    timers.shutdownNow();
  }
}
