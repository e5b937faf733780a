package dev.cairn.internal.maintenance;

import dev.cairn.db.Store;
import dev.cairn.internal.completion.Completer;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.service.BackgroundLoop;
import java.time.Duration;
import java.util.UUID;

/**
 * Finds runs still QUEUED or RUNNING with no step queued, running or waiting (so nothing would ever move them)
 * and has the completer judge them from their steps. Only runs older than {@code minAge} are looked at.
 *
 * <p>Also finds runs whose steps, or which themselves, still hold concurrency keys after leaving RUNNING (every
 * path releases in its own transaction, so this finds only what a bug or a changed definition left behind) and has
 * the completer release them under the run lock: a slot is never held forever by something that no longer runs.
 */
public final class OrphanReconciler extends BackgroundLoop {
  private final Store store;
  private final Completer completer;
  private final Duration minAge;

  public OrphanReconciler(Store store, Completer completer, Duration interval, Duration minAge) {
    super("cairn-orphan-reconciler", interval);
    this.store = store;
    this.completer = completer;
    this.minAge = minAge;
  }

  @Override
  public void runOnce() {
    for (UUID run : store.runFindUnfinishedWithoutActiveSteps(minAge.toMillis(), LeaseSweeper.BATCH)) {
      completer.submit(new StepOutcome.Reconcile(run));
    }
    for (UUID run : store.flow().runsWithStaleHolds(LeaseSweeper.BATCH)) {
      completer.submit(new StepOutcome.Reconcile(run));
    }
  }
}
