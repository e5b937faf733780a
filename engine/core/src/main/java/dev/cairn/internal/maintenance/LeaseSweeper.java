package dev.cairn.internal.maintenance;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.Store;
import dev.cairn.internal.completion.Completer;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.service.BackgroundLoop;
import dev.cairn.internal.store.StoreTypes;
import java.time.Duration;

/** Takes back leases whose holder went silent: the step is queued again (or fails past the expiry cap). */
public final class LeaseSweeper extends BackgroundLoop {
  static final int BATCH = 500;
  private final Store store;
  private final Completer completer;

  public LeaseSweeper(Store store, Completer completer, Duration interval) {
    // Idle, it looks every other interval: a dead node's step comes back at most one more interval late.
    super("cairn-lease-sweeper", interval, 2);
    this.store = store;
    this.completer = completer;
  }

  @Override
  public void runOnce() {
    for (AttemptRef expired : store.stepFindExpiredLeases(BATCH)) {
      completer.submit(new StepOutcome.LeaseExpired(StoreTypes.attempt(expired)));
      foundWork();
    }
  }
}
