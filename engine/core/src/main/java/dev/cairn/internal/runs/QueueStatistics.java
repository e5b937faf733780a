package dev.cairn.internal.runs;

import dev.cairn.db.Store;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the planner's view of the queue current after bursts of triggers: once {@value #THRESHOLD} step rows
 * were inserted since the last refresh, the steps table is analysed from a small sample on a background thread (one
 * at a time; {@link Store#stepAnalyze}). Autovacuum would do it too, but only after its nap (a minute by default),
 * and until then the dequeue could sort the whole backlog on every claim. An ANALYZE with the default sample took
 * 1.2-2 s of the database's CPU on a table of a million steps, twelve times in a 60,000-step burst; the small
 * sample 0.13-0.22 s. Thread-safe.
 */
final class QueueStatistics {
  static final long THRESHOLD = 5_000;
  private static final Logger log = LoggerFactory.getLogger(QueueStatistics.class);

  private final Store store;
  private final AtomicLong insertedSinceAnalyze = new AtomicLong();
  private final AtomicBoolean analyzing = new AtomicBoolean();

  QueueStatistics(Store store) {
    this.store = store;
  }

  void stepsInserted(int count) {
    if (insertedSinceAnalyze.addAndGet(count) < THRESHOLD || !analyzing.compareAndSet(false, true)) {
      return;
    }
    insertedSinceAnalyze.set(0);
    Thread analyzer = new Thread(() -> {
      try {
        store.stepAnalyze();
      } catch (RuntimeException e) {
        log.warn("refreshing queue statistics failed: {}", e.toString());
      } finally {
        analyzing.set(false);
      }
    }, "cairn-queue-statistics");
    analyzer.setDaemon(true);
    analyzer.start();
  }
}
