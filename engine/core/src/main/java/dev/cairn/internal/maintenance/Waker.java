package dev.cairn.internal.maintenance;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.Store;
import dev.cairn.internal.completion.Completer;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.service.BackgroundLoop;
import java.time.Duration;

/**
 * Queues WAITING steps whose wait is over but whose wake-up was lost (the node that would have sent it died, or
 * the engine restarted during a sleep); the node that suspends a step sets a timer for its wake-up, so this is the
 * fallback. Runs every poll interval, backing off to eight while it finds nothing.
 */
public final class Waker extends BackgroundLoop {
  private final Store store;
  private final Completer completer;

  public Waker(Store store, Completer completer, Duration interval) {
    super("cairn-waker", interval, 8);
    this.store = store;
    this.completer = completer;
  }

  @Override
  public void runOnce() {
    for (AttemptRef due : store.composition().stepFindWakeable(LeaseSweeper.BATCH)) {
      completer.submit(new StepOutcome.Wake(due.id(), due.runId()));
      foundWork();
    }
  }
}
