package dev.cairn.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.opentest4j.AssertionFailedError;

/** Waiting in a test for a condition, with a deadline: polls it every few milliseconds instead of sleeping blind. */
public final class Eventually {
  private static final long POLL_MILLIS = 10;

  private Eventually() {}

  /**
   * Returns once {@code condition} holds; fails naming {@code what} if it does not within {@code timeout} (a wall
   * clock deadline: the engine's time is the test clock's business).
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionFailedError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionFailedError("interrupted while waiting: " + what);
      }
    }
  }
}
