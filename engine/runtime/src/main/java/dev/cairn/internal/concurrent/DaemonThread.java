package dev.cairn.internal.concurrent;

import java.time.Duration;

/**
 * The thread of a long-running engine service, with the start/stop contract every service shares: start is
 * idempotent, stop tolerates being called twice or before start, and stop first clears {@link #running()}, then
 * wakes the body so it notices, then waits for it to end. Thread-safe.
 */
public final class DaemonThread {
  private final String name;
  private volatile boolean running;
  private Thread thread;

  public DaemonThread(String name) {
    this.name = name;
  }

  /** Runs {@code body} on a new daemon thread unless one was started already. */
  public synchronized void start(Runnable body) {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** True from start until stop; the body loops while it holds. */
  public boolean running() {
    return running;
  }

  /** Clears {@link #running()}, calls {@code wake} and waits up to {@code join} for the body to end. */
  public void stop(Runnable wake, Duration join) {
    Thread toJoin;
    synchronized (this) {
      running = false;
      toJoin = thread;
      thread = null;
    }
    if (toJoin == null) {
      return;
    }
    wake.run();
    try {
      toJoin.join(join.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
