package dev.cairn.internal.maintenance;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.Store;
import dev.cairn.internal.completion.Completer;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.service.BackgroundLoop;
import dev.cairn.internal.store.StoreTypes;
import java.time.Duration;

/** Fails steps that waited in the queue past their schedule timeout without getting a slot. */
public final class ScheduleTimeoutReaper extends BackgroundLoop {
  private final Store store;
  private final Completer completer;

  public ScheduleTimeoutReaper(Store store, Completer completer, Duration interval) {
    super("cairn-schedule-reaper", interval, 2);
    this.store = store;
    this.completer = completer;
  }

  @Override
  public void runOnce() {
    for (AttemptRef expired : store.stepFindScheduleTimeouts(LeaseSweeper.BATCH)) {
      completer.submit(new StepOutcome.ScheduleExpired(StoreTypes.attempt(expired)));
      foundWork();
    }
  }
}
