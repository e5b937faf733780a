package dev.cairn.pipeline.transcript;

import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live feed of one transcript's events handed to a consumer on a daemon thread: a {@link TranscriptSubscription}
 * read in a loop, re-reading every second when no append is notified.
 */
public final class TranscriptWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TranscriptWatch.class);
  private static final Duration REREAD = Duration.ofSeconds(1);

  private final TranscriptSubscription subscription;
  private final Consumer<TranscriptEvent> consumer;
  private final Thread thread;
  private volatile boolean closed;

  private TranscriptWatch(TranscriptSubscription subscription, Consumer<TranscriptEvent> consumer) {
    this.subscription = subscription;
    this.consumer = consumer;
    this.thread = new Thread(this::run, "transcript-watch-" + subscription.transcriptId());
    this.thread.setDaemon(true);
  }

  static TranscriptWatch start(TranscriptSubscription subscription, Consumer<TranscriptEvent> consumer) {
    TranscriptWatch watch = new TranscriptWatch(subscription, consumer);
    watch.thread.start();
    return watch;
  }

  private void run() {
    try {
      while (!closed) {
        deliverNext();
      }
    } catch (InterruptedException stopping) {
      // closed
    } finally {
      subscription.close();
    }
  }

  private void deliverNext() throws InterruptedException {
    try {
      for (TranscriptEvent event : subscription.next(REREAD)) {
        if (closed) {
          return;
        }
        consumer.accept(event);
      }
    } catch (RuntimeException e) {
      LOG.warn("transcript watch for {} could not read the log, retrying: {}", subscription.transcriptId(),
          e.toString());
      Thread.sleep(REREAD.toMillis()); // back off from a database that just failed
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
