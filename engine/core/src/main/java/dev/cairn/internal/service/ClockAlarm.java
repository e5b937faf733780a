package dev.cairn.internal.service;

import dev.cairn.CairnClock;
import java.time.Instant;

/**
 * One timer on the engine's clock that rings for the earliest instant it was asked for: a later request while an
 * earlier one is pending is dropped (the earlier ring's round asks again), an earlier one replaces it, and an
 * instant that is not in the future is ignored: what is due already is the asking round's own work (a schedule it
 * failed to handle, a deadline whose cancel is still being written), and ringing at once for it would spin the loop
 * until that work lands; the loop's fallback interval covers it. Loops that sleep until the next thing they know is
 * due (schedules, run deadlines) use it. Thread-safe.
 */
public final class ClockAlarm {
  private final CairnClock clock;
  private final Runnable ring;
  private CairnClock.Timer timer;
  private Instant armedAt;

  public ClockAlarm(CairnClock clock, Runnable ring) {
    this.clock = clock;
    this.ring = ring;
  }

  /** Rings when the clock reaches {@code at}, unless an earlier ring is pending or {@code at} is not ahead. */
  public synchronized void at(Instant at) {
    Instant now = clock.now();
    if (!at.isAfter(now)) {
      return;
    }
    if (armedAt != null && !at.isBefore(armedAt) && now.isBefore(armedAt)) {
      return;
    }
    if (timer != null) {
      timer.cancel();
    }
    armedAt = at;
    timer = clock.at(at, ring);
  }
}
