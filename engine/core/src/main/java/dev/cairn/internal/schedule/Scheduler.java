package dev.cairn.internal.schedule;

import dev.cairn.CairnClock;
import dev.cairn.internal.service.BackgroundLoop;
import java.time.Duration;
import java.time.Instant;

/**
 * This node's schedule loop: handles the due schedules, then sleeps until the next one is due (a timer on the
 * engine's clock, so a test clock drives it), or until a schedule of this node changes. The loop's own interval is
 * only the fallback that finds schedules another node created or changed, and those a dead node left due.
 */
public final class Scheduler extends BackgroundLoop {
  private final ScheduleService schedules;
  private final CairnClock clock;
  private CairnClock.Timer timer;
  private Instant timerAt;

  public Scheduler(ScheduleService schedules, CairnClock clock, Duration fallbackInterval) {
    super("cairn-scheduler", fallbackInterval);
    this.schedules = schedules;
    this.clock = clock;
    schedules.onChange(this::wakeNow);
  }

  @Override
  public void runOnce() {
    while (schedules.handleDue()) {
      // a catch-up longer than one pass, or more due schedules than one batch: go on at once
    }
    schedules.nextDue().ifPresent(this::wakeAt);
  }

  private synchronized void wakeAt(Instant at) {
    if (at.equals(timerAt)) {
      return;
    }
    if (timer != null) {
      timer.cancel();
    }
    timerAt = at;
    timer = clock.at(at, this::wakeNow);
  }
}
