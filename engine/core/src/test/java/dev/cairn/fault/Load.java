package dev.cairn.fault;

import dev.cairn.Cairn;
import dev.cairn.TriggerOptions;
import dev.cairn.testing.Await;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Triggers the diamond runs through the control engine: run {@code i} has input {@code i} and the idempotency
 * key {@code <prefix>-<i>}, so a trigger sent again after PostgreSQL died under it never makes a second run.
 * While PostgreSQL is down a trigger is retried until it goes through.
 */
final class Load {
  private static final Duration TRIGGER_WITHIN = Duration.ofSeconds(60);
  private static final Duration RETRY_EVERY = Duration.ofMillis(100);

  private final Cairn control;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private Thread paced;

  Load(Cairn control) {
    this.control = control;
  }

  /** Triggers runs {@code from .. from + count - 1} now. */
  void triggerNow(String prefix, int from, int count) {
    for (int i = from; i < from + count; i++) {
      trigger(prefix, i);
    }
  }

  /** Triggers runs {@code from .. from + count - 1} evenly spread over {@code spread}, in the background. */
  void triggerPaced(String prefix, int from, int count, Duration spread) {
    long pause = spread.toMillis() / Math.max(1, count);
    paced = new Thread(() -> {
      try {
        for (int i = from; i < from + count; i++) {
          trigger(prefix, i);
          // The load's own pacing, not synchronisation.
          Thread.sleep(pause);
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "fault-load");
    paced.setDaemon(true);
    paced.start();
  }

  /** Waits for the paced triggers to be sent; rethrows what stopped them. */
  void finish() throws InterruptedException {
    if (paced != null) {
      paced.join(TRIGGER_WITHIN.toMillis() * 2);
      if (paced.isAlive()) {
        throw new AssertionError("the load thread is still triggering runs");
      }
    }
    if (failure.get() != null) {
      throw new AssertionError("triggering runs failed", failure.get());
    }
  }

  private void trigger(String prefix, int input) {
    TriggerOptions options = TriggerOptions.builder().idempotencyKey(prefix + "-" + input).build();
    Await.until("run " + prefix + "-" + input + " is triggered", TRIGGER_WITHIN, RETRY_EVERY, () -> {
      try {
        control.trigger(FaultWorkflows.DIAMOND, input, options);
        return true;
      } catch (RuntimeException databaseDown) {
        return false;
      }
    });
  }
}
