package dev.cairn.internal.service;

import dev.cairn.internal.concurrent.DaemonThread;
import dev.cairn.internal.concurrent.Wakeup;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skeleton of every periodic background service: one daemon thread that calls {@link #runOnce()} every
 * interval (jittered by ±10% so nodes spread their queries), starting after a staggered delay. {@link #stop()}
 * tolerates being called twice or before {@link #start()}. Tests call {@link #runOnce()} directly.
 */
public abstract class BackgroundLoop {
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final Duration interval;
  private final Wakeup wakeup = new Wakeup();
  private final DaemonThread thread;
  private volatile boolean stopped;

  protected BackgroundLoop(String name, Duration interval) {
    this.name = name;
    this.interval = interval;
    this.thread = new DaemonThread(name);
  }

  /** Does one round of work, completely. Errors are logged by the loop and the next round runs as usual. */
  public abstract void runOnce();

  public final void start() {
    thread.start(this::loop);
  }

  /** Runs the next round now instead of at the end of the interval. */
  public final void wakeNow() {
    wakeup.signal();
  }

  public final void stop() {
    stopped = true;
    thread.stop(wakeup::signal, Duration.ofSeconds(10));
  }

  /** True once {@link #stop()} was called: a long round checks it between its steps and ends early. */
  protected final boolean stopped() {
    return stopped;
  }

  private void loop() {
    long stagger = ThreadLocalRandom.current().nextLong(Math.max(1, interval.toMillis() / 2));
    try {
      wakeup.await(stagger);
      while (thread.running()) {
        try {
          runOnce();
        } catch (RuntimeException e) {
          log.warn("{}: round failed, will try again: {}", name, e.toString());
        }
        long jittered = Math.round(interval.toMillis() * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
        wakeup.await(jittered);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
