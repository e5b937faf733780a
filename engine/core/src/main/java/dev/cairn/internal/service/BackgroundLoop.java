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
 *
 * <p>A loop built with an idle backoff waits twice as long after each round that found nothing to do (it did not
 * call {@link #foundWork()}), up to that many intervals, and back to one interval after a round that found work or
 * a {@link #wakeNow()}: an idle node costs the database little, a busy one is swept at the base rate.
 */
public abstract class BackgroundLoop {
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final Duration interval;
  private final Wakeup wakeup = new Wakeup();
  private final DaemonThread thread;
  private final int maxIdleFactor;
  private volatile boolean stopped;
  private boolean found;

  protected BackgroundLoop(String name, Duration interval) {
    this(name, interval, 1);
  }

  /** @param maxIdleFactor how many intervals at most an idle loop waits (1: always one) */
  protected BackgroundLoop(String name, Duration interval, int maxIdleFactor) {
    this.name = name;
    this.interval = interval;
    this.maxIdleFactor = maxIdleFactor;
    this.thread = new DaemonThread(name);
  }

  /** Called by a round that found something to do: the next round comes after one interval. */
  protected final void foundWork() {
    found = true;
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
      int idleFactor = 1;
      while (thread.running()) {
        found = false;
        try {
          runOnce();
        } catch (RuntimeException e) {
          found = true; // not known to be idle: try again at the base rate
          log.warn("{}: round failed, will try again: {}", name, e.toString());
        }
        idleFactor = found ? 1 : Math.min(idleFactor * 2, maxIdleFactor);
        long jittered = Math.round(interval.toMillis() * idleFactor
            * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
        if (wakeup.await(jittered)) {
          idleFactor = 1;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
