package dev.cairn.internal.service;

import dev.cairn.db.DatabaseErrors;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the first database work of a starting engine (the migration), waiting for an unreachable database with a
 * growing backoff (1 s doubling to 30 s) and logging why, instead of failing at once: an engine started before its
 * database (a deployment, a restart of both) comes up when the database does. Errors other than unavailability fail
 * at once. Stateless.
 */
public final class DatabaseStartup {
  private static final Logger log = LoggerFactory.getLogger(DatabaseStartup.class);
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private DatabaseStartup() {}

  /**
   * Runs {@code work}, retrying while the database is unavailable, for at most {@code maxWait}.
   *
   * @throws RuntimeException the last error, once {@code maxWait} has passed or for any other error
   */
  public static void run(String what, Duration maxWait, Runnable work) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    long backoff = 1_000;
    while (true) {
      try {
        work.run();
        return;
      } catch (RuntimeException e) {
        long left = deadline - System.nanoTime();
        if (!DatabaseErrors.isUnavailable(e) || left <= 0) {
          throw e;
        }
        long wait = Math.min(backoff, Math.max(1, left / 1_000_000));
        log.warn("{}: the database is unavailable ({}); trying again in {} ms", what, rootMessage(e), wait);
        sleep(wait);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the database", e);
    }
  }
}
