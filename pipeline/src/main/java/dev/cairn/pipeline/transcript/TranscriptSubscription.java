package dev.cairn.pipeline.transcript;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One reader's place in a transcript's event log: {@link #next} waits for an append (the process's shared
 * {@link TranscriptFeed} wakes it) and returns the events after the last one it returned. It holds no database
 * connection while it waits; each read borrows one from the store's pool for one query.
 *
 * <p>{@link #next} is for one reading thread; {@link #close} may be called from any thread.
 */
public final class TranscriptSubscription implements AutoCloseable {
  private static final int PAGE = 500;

  private final TranscriptStore store;
  private final TranscriptFeed feed;
  private final String transcriptId;
  /** A permit means "the log may have grown": one to start with, so the first call reads what is stored. */
  private final Semaphore changed = new Semaphore(1);
  private volatile boolean closed;
  private long lastSeq;

  TranscriptSubscription(TranscriptStore store, TranscriptFeed feed, String transcriptId, long afterSeq) {
    this.store = store;
    this.feed = feed;
    this.transcriptId = transcriptId;
    this.lastSeq = afterSeq;
  }

  public String transcriptId() {
    return transcriptId;
  }

  /**
   * Waits up to {@code maxWait} for an append (not at all when one was notified since the last call), then returns
   * the events after the last one returned, oldest first; empty when there are none. It reads when the wait times
   * out too, which is what makes a lost notification only a delay.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public List<TranscriptEvent> next(Duration maxWait) throws InterruptedException {
    if (closed) {
      return List.of();
    }
    changed.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    changed.drainPermits();
    List<TranscriptEvent> page = store.events(transcriptId, lastSeq, PAGE);
    if (!page.isEmpty()) {
      lastSeq = page.get(page.size() - 1).seq();
    }
    if (page.size() == PAGE) {
      wake(); // more is stored: the next call reads on without waiting
    }
    return page;
  }

  /** Called by the feed when the transcript's log grew (or may have). */
  void wake() {
    if (changed.availablePermits() == 0) {
      changed.release();
    }
  }

  @Override
  public void close() {
    closed = true;
    feed.remove(this);
    wake(); // a reader waiting in next() returns at once
  }
}
