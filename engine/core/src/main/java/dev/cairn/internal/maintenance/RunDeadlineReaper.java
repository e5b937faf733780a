package dev.cairn.internal.maintenance;

import dev.cairn.CairnClock;
import dev.cairn.db.Store;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.service.BackgroundLoop;
import dev.cairn.internal.service.ClockAlarm;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Cancels runs whose deadline passed (TriggerOptions.timeout, @Workflow(timeout)) as the completer cancels any run:
 * queued and waiting steps, running attempts (interrupted, results refused) and unfinished children. Wakes at the
 * earliest deadline it knows of (a timer on the engine's clock, armed by each round and by the triggers of this
 * node); its interval (six sweep intervals) is the fallback for deadlines other nodes set.
 */
public final class RunDeadlineReaper extends BackgroundLoop {
  private final Store store;
  private final OutcomeSink completer;
  private final ClockAlarm alarm;

  public RunDeadlineReaper(Store store, OutcomeSink completer, CairnClock clock, Duration interval) {
    super("cairn-deadline-reaper", interval);
    this.store = store;
    this.completer = completer;
    this.alarm = new ClockAlarm(clock, this::wakeNow);
  }

  @Override
  public void runOnce() {
    for (UUID run : store.runFindPastDeadline(LeaseSweeper.BATCH)) {
      completer.submit(new StepOutcome.Cancel(run, "cancelled: the run's deadline passed"));
    }
    store.runNextDeadline().ifPresent(this::wakeAt);
  }

  /** Runs a round when the clock reaches {@code at} (the earliest deadline known here wins). */
  public void wakeAt(Instant at) {
    alarm.at(at);
  }
}
