package dev.cairn.testkit;

import dev.cairn.internal.time.ManualClock;
import dev.cairn.internal.time.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's time in a test: it stands still until told to move, and the SQL the engine runs sees it as
 * {@code now}, so a seven-day sleep, an hour of retry backoff or a two-day event timeout take no wall time.
 *
 * <p>Time moves in two ways. {@link #advance} moves it by hand (timers that come due run, in order, and the engine
 * looks again at its queues). With {@linkplain #skipping() skipping} on (the default), the clock also jumps by
 * itself to the next instant something is due whenever the engine has nothing it could run now: every unfinished
 * step sleeps, backs off before a retry or waits for an event with a timeout. Turn skipping off to step through a
 * scenario by hand (for instance, to push an event before a wait times out).
 *
 * <p>Starts at the current wall-clock time, truncated to milliseconds. Never moves backwards. Thread-safe.
 */
public final class TestClock extends ManualClock {
  /** How often the skipper looks whether the engine is idle. */
  private static final Duration SKIP_POLL = Duration.ofMillis(5);

  private volatile boolean skipping = true;
  private Thread skipper;

  /** A clock at the current wall-clock time. */
  public TestClock() {
    this(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  /** A clock at {@code start}. */
  public TestClock(Instant start) {
    super(start);
  }

  /** Whether the clock jumps ahead by itself while the engine waits only on time. */
  public boolean skipping() {
    return skipping;
  }

  /** Turns skipping on or off (it is on by default). */
  public TestClock skipping(boolean on) {
    this.skipping = on;
    return this;
  }

  @Override
  public void attach(Timeline engine) {
    super.attach(engine);
    startSkipper();
  }

  @Override
  public void shutdown() {
    super.shutdown();
    Thread running;
    synchronized (this) {
      running = skipper;
    }
    if (running != null) {
      running.interrupt();
    }
  }

  private synchronized void startSkipper() {
    if (skipper != null) {
      return;
    }
    skipper = new Thread(this::skipWhileIdle, "cairn-test-clock-skipper");
    skipper.setDaemon(true);
    skipper.start();
  }

  /**
   * Every few milliseconds: if no attached engine has anything to run now, jump to the earliest instant something
   * becomes due (a step's backoff ends, a sleep or a wait times out, an engine timer fires).
   */
  private void skipWhileIdle() {
    try {
      while (!isShutDown()) {
        Thread.sleep(SKIP_POLL.toMillis()); // a poll of the engine, not a wait for a result
        if (skipping && !engines().isEmpty()) {
          skipIfIdle();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void skipIfIdle() {
    try {
      Optional<Instant> next = nextDue();
      if (next.isPresent() && engines().stream().noneMatch(Timeline::isActive)) {
        advanceTo(next.get());
      }
    } catch (RuntimeException e) {
      // an engine closing under the skipper (its database gone): look again at the next poll
    }
  }

  private Optional<Instant> nextDue() {
    List<Instant> candidates = new ArrayList<>();
    nextTimer().ifPresent(candidates::add);
    for (Timeline engine : engines()) {
      engine.nextDueAt().ifPresent(candidates::add);
    }
    return candidates.stream().min(Instant::compareTo);
  }

  @Override
  public String toString() {
    return "TestClock[" + now() + (skipping ? ", skipping" : "") + "]";
  }
}
