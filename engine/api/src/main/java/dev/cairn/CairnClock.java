package dev.cairn;

import java.time.Instant;

/**
 * Time as an engine sees it: every deadline, timer and "now" the engine uses comes from its clock, and the SQL it
 * runs takes the clock's "now" as a parameter. The default is the system clock with the database's clock in SQL;
 * the test kit supplies a clock that moves only when told to (so a seven-day sleep takes no time in a test).
 * Implementations are thread-safe.
 */
public interface CairnClock {
  /** Now. */
  Instant now();

  /**
   * The instant statements must use as "now", or null to let the database use its own clock (the production case:
   * every node then agrees on one clock, the database's).
   */
  Instant sqlNow();

  /** Runs {@code task} (on a timer thread) when this clock reaches {@code at}; at once if it has. */
  Timer at(Instant at, Runnable task);

  /** Stops the clock's timer thread; tasks not run are dropped. Called when the engine closes. */
  void shutdown();

  /** A scheduled task. */
  interface Timer {
    /** Stops the task from running, if it has not run. */
    void cancel();
  }
}
