package dev.cairn.internal.runs;

import dev.cairn.db.Store;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the planner's view of the queue and of the run tables current after bursts of triggers: once
 * {@value #THRESHOLD} step rows were inserted since the last refresh, the steps table (and the runs and events tables
 * if they grew enough) is analysed from a small sample on a background thread, one refresh at a time
 * ({@link Store#statisticsRefresh}). Autovacuum would do it too, but only after its nap (a minute by default), and
 * until then the dequeue could sort the whole backlog on every claim, and a new database's statements kept plans made
 * for empty tables. An ANALYZE with the default sample took 1.2-2 s of the database's CPU on a table of a million
 * steps, twelve times in a 60,000-step burst; the small sample 0.13-0.22 s. Thread-safe.
 */
final class PlannerStatistics {
  static final long THRESHOLD = 5_000;
  private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

  private final Store store;
  private final AtomicLong insertedSinceAnalyze = new AtomicLong();
  private final AtomicBoolean analyzing = new AtomicBoolean();

  PlannerStatistics(Store store) {
    this.store = store;
  }

  void stepsInserted(int count) {
    if (insertedSinceAnalyze.addAndGet(count) < THRESHOLD || !analyzing.compareAndSet(false, true)) {
      return;
    }
    insertedSinceAnalyze.set(0);
    Thread analyzer = new Thread(() -> {
      try {
        store.statisticsRefresh();
      } catch (RuntimeException e) {
        log.warn("refreshing planner statistics failed: {}", e.toString());
      } finally {
        analyzing.set(false);
      }
    }, "cairn-planner-statistics");
    analyzer.setDaemon(true);
    analyzer.start();
  }
}
