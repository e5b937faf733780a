package dev.cairn.internal.schedule;

import dev.cairn.CairnClock;
import dev.cairn.internal.service.BackgroundLoop;
import dev.cairn.internal.service.ClockAlarm;
import java.time.Duration;

/**
 * This node's schedule loop: handles the due schedules, then sleeps until the next one is due (a timer on the
 * engine's clock, so a test clock drives it), or until a schedule of this node changes. The loop's own interval is
 * only the fallback that finds schedules another node created or changed, and those a dead node left due.
 */
public final class Scheduler extends BackgroundLoop {
  private final ScheduleService schedules;
  private final ClockAlarm alarm;

  public Scheduler(ScheduleService schedules, CairnClock clock, Duration fallbackInterval) {
    super("cairn-scheduler", fallbackInterval);
    this.schedules = schedules;
    this.alarm = new ClockAlarm(clock, this::wakeNow);
    schedules.onChange(this::wakeNow);
  }

  @Override
  public void runOnce() {
    while (schedules.handleDue()) {
      // a catch-up longer than one pass, or more due schedules than one batch: go on at once
    }
    schedules.nextDue().ifPresent(alarm::at);
  }
}
