package dev.cairn.internal.concurrent;

import java.util.function.LongSupplier;

/**
 * How long a client waits before reconnecting: from {@link #INITIAL_MILLIS} doubling to {@link #MAX_MILLIS} while
 * connections keep failing, and back to the start once a connection stayed up for {@link #HEALTHY_MILLIS} (a new
 * outage after a healthy session is not treated like the tail of the last one). Not thread-safe: one connection
 * loop owns it.
 */
public final class ReconnectBackoff {
  public static final long INITIAL_MILLIS = 200;
  public static final long MAX_MILLIS = 10_000;
  public static final long HEALTHY_MILLIS = 5_000;

  private final LongSupplier nanoClock;
  private long next = INITIAL_MILLIS;
  private long connectedAtNanos = -1;

  /** @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests) */
  public ReconnectBackoff(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** A connection was established (and accepted): it may turn out healthy. */
  public void connected() {
    connectedAtNanos = nanoClock.getAsLong();
  }

  /** The connection ended or could not be made: how long to wait before the next try. */
  public long nextDelayMillis() {
    if (connectedAtNanos >= 0 && nanoClock.getAsLong() - connectedAtNanos >= HEALTHY_MILLIS * 1_000_000) {
      next = INITIAL_MILLIS;
    }
    connectedAtNanos = -1;
    long delay = next;
    next = Math.min(MAX_MILLIS, next * 2);
    return delay;
  }
}
