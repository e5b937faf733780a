package dev.cairn.internal.runs;

import dev.cairn.db.Store;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the planner's view of the queue current after bursts of triggers: once {@value #THRESHOLD} step rows
 * were inserted since the last refresh, the steps table is analysed on a background thread (one at a time).
 * Autovacuum would do it too, but only after its nap (a minute by default), and until then the dequeue sorts
 * the whole backlog on every claim. Thread-safe.
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
