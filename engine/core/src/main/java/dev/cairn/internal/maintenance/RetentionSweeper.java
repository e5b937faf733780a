package dev.cairn.internal.maintenance;

import dev.cairn.CairnClock;
import dev.cairn.Workflows;
import dev.cairn.db.RetentionStore;
import dev.cairn.internal.service.BackgroundLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished runs older than their workflow's retention period, with their steps, events, operations and child
 * runs, and pushed events older than the default period. Each round walks, per workflow, the top-level runs that
 * finished before its cutoff in the order they finished (an index holds only those), a bounded batch per
 * transaction: a tree with an unfinished run or a held concurrency key is passed over, and a tree another
 * transaction holds is skipped, never waited for. Child runs go with their top-level run. Nodes may sweep at once:
 * each batch skips what another holds. Periods are read each round, so a change applies from the next; a failure
 * on one workflow is logged and the round goes on with the next. Each round also drops the inventory rows of workers
 * gone for longer than a day.
 */
public final class RetentionSweeper extends BackgroundLoop {
  /** Runs scanned per statement, and at most deleted per transaction (with their trees). */
  public static final int BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

  private final RetentionStore store;
  private final CairnClock clock;
  private final Duration defaultPeriod;
  private final Supplier<Map<String, Duration>> periods;
  private final AtomicLong deletedRuns = new AtomicLong();
  private final Runnable alsoEachRound;

  /**
   * @param defaultPeriod the engine's default retention ({@link Workflows#KEEP_FOREVER}: none)
   * @param periods the workflows' own periods, read at the start of each round
   * @param alsoEachRound other history to drop each round (the rows of workers gone for a day: one statement)
   */
  public RetentionSweeper(RetentionStore store, CairnClock clock, Duration defaultPeriod,
      Supplier<Map<String, Duration>> periods, Duration interval, Runnable alsoEachRound) {
    super("cairn-retention", interval);
    this.store = store;
    this.clock = clock;
    this.defaultPeriod = defaultPeriod;
    this.periods = periods;
    this.alsoEachRound = alsoEachRound;
  }

  @Override
  public void runOnce() {
    Instant now = clock.now();
    Map<String, Duration> own = periods.get();
    for (String workflow : store.runListWorkflowNames()) {
      Duration period = own.getOrDefault(workflow, defaultPeriod);
      if (period.equals(Workflows.KEEP_FOREVER) || stopped()) {
        continue;
      }
      try {
        deleteRetired(workflow, now.minus(period));
      } catch (RuntimeException e) {
        log.warn("retention of workflow {} failed this round, going on with the others: {}", workflow, e.toString());
      }
    }
    if (!defaultPeriod.equals(Workflows.KEEP_FOREVER)) {
      Instant cutoff = now.minus(defaultPeriod);
      while (!stopped() && store.pushedEventDeleteBefore(cutoff, BATCH) == BATCH) {
        // the next batch
      }
    }
    try {
      alsoEachRound.run();
    } catch (RuntimeException e) {
      log.warn("retention of the worker inventory failed this round: {}", e.toString());
    }
  }

  /** Runs deleted by this node's sweeps since it started (top-level runs; their child runs are not counted). */
  public long deletedRuns() {
    return deletedRuns.get();
  }

  private void deleteRetired(String workflow, Instant cutoff) {
    Instant afterFinishedAt = RetentionStore.SCAN_START;
    UUID afterId = RetentionStore.SCAN_START_ID;
    while (!stopped()) {
      List<RetentionStore.Scanned> batch = store.runScanRetired(workflow, cutoff, afterFinishedAt, afterId, BATCH);
      if (batch.isEmpty()) {
        return;
      }
      deletedRuns.addAndGet(store.runDeleteTrees(batch.stream().map(RetentionStore.Scanned::id).toList(), cutoff)
          .size());
      if (batch.size() < BATCH) {
        return;
      }
      RetentionStore.Scanned last = batch.get(batch.size() - 1);
      afterFinishedAt = last.finishedAt();
      afterId = last.id();
    }
  }
}
