package dev.cairn.internal.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A level-triggered signal: {@link #signal()} sets it, {@link #await} returns at once if it is set (and clears
 * it) or waits until it is set or the timeout passes. A signal sent while nobody waits is not lost.
 * Thread-safe; the lock guards only the flag.
 */
public final class Wakeup {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signalled = lock.newCondition();
  private boolean set;

  public void signal() {
    lock.lock();
    try {
      set = true;
      signalled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code timeoutMillis}; returns true if signalled. */
  public boolean await(long timeoutMillis) throws InterruptedException {
    long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      while (!set && remaining > 0) {
        remaining = signalled.awaitNanos(remaining);
      }
      boolean wasSet = set;
      set = false;
      return wasSet;
    } finally {
      lock.unlock();
    }
  }
}
