package dev.cairn.internal.time;

import java.time.Instant;
import java.util.Optional;

/** What a {@link DrivenClock} needs from the engine it drives. Thread-safe. */
public interface Timeline {
  /** Whether any step runs or could run now; false when every unfinished step waits for a time or an event. */
  boolean isActive();

  /** The earliest future time a step becomes due by time alone (a backoff ends, a sleep or a wait times out). */
  Optional<Instant> nextDueAt();

  /** The clock moved: look at once at everything that time decides (queues, waits, sweeps). */
  void timeMoved();
}
