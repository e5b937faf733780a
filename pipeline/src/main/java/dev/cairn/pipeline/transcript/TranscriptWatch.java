package dev.cairn.pipeline.transcript;

import dev.cairn.db.PgListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live feed of one transcript's events: a daemon thread LISTENs for appends and reads the log after the last
 * sequence number it delivered. It also re-reads every second, so a notification lost while the listening
 * connection was down only delays delivery, never loses an event.
 */
public final class TranscriptWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TranscriptWatch.class);
  private static final int POLL_MILLIS = 1000;
  private static final int PAGE = 500;

  private final TranscriptStore store;
  private final String transcriptId;
  private final Consumer<TranscriptEvent> consumer;
  private final Thread thread;
  private volatile boolean closed;
  private long lastSeq;

  private TranscriptWatch(TranscriptStore store, String transcriptId, long afterSeq,
      Consumer<TranscriptEvent> consumer) {
    this.store = store;
    this.transcriptId = transcriptId;
    this.consumer = consumer;
    this.lastSeq = afterSeq;
    this.thread = new Thread(this::run, "transcript-watch-" + transcriptId);
    this.thread.setDaemon(true);
  }

  static TranscriptWatch start(TranscriptStore store, String transcriptId, long afterSeq,
      Consumer<TranscriptEvent> consumer) {
    TranscriptWatch watch = new TranscriptWatch(store, transcriptId, afterSeq, consumer);
    watch.thread.start();
    return watch;
  }

  private void run() {
    while (!closed) {
      try (PgListener listener = new PgListener(store.dataSource(), List.of(TranscriptStore.EVENT_CHANNEL))) {
        deliverNew();
        while (!closed) {
          listener.poll(POLL_MILLIS);
          deliverNew();
        }
      } catch (Exception e) {
        if (closed) {
          return;
        }
        LOG.warn("transcript watch for {} lost its connection, reconnecting: {}", transcriptId, e.toString());
        try {
          Thread.sleep(POLL_MILLIS); // back off before reconnecting to a database that just failed
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void deliverNew() {
    List<TranscriptEvent> page;
    do {
      page = store.events(transcriptId, lastSeq, PAGE);
      for (TranscriptEvent event : page) {
        if (closed) {
          return;
        }
        consumer.accept(event);
        lastSeq = event.seq();
      }
    } while (page.size() == PAGE);
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
