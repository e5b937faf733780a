package dev.cairn.pipeline.transcript;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's one LISTEN connection for transcript events, shared by every {@link TranscriptSubscription}: when an
 * append to a transcript's log is notified, the subscriptions of that transcript are woken and read the log
 * themselves (briefly, through the store's pool). The connection is dedicated, opened from the listen data source
 * and never borrowed from the pool the steps use; it is opened with the first subscription and closed when the
 * last one has gone, so an idle process holds none.
 *
 * <p>A notification sent while the connection was down is lost; every subscription is therefore woken after each
 * (re)connect, and re-reads by itself whenever its wait times out, so a lost notification only delays events.
 *
 * <p>Thread-safe: subscriptions come and go from any thread; one daemon thread owns the connection. The lock
 * guards the subscriber map and the thread field, and is never held across a database call.
 */
final class TranscriptFeed {
  private static final Logger LOG = LoggerFactory.getLogger(TranscriptFeed.class);
  /** How long one wait for notifications lasts; also how soon the thread notices it has no subscribers left. */
  private static final int POLL_MILLIS = 500;
  private static final long RECONNECT_MILLIS = 1000;

  private final DataSource listenSource;
  private final String channel;
  private final Map<String, Set<TranscriptSubscription>> subscribers = new HashMap<>();
  private int size;
  private Thread thread;

  /**
   * @param listenSource where the dedicated connection comes from: an unpooled data source (a connection from a
   *     pool would be held for as long as anyone watches)
   */
  TranscriptFeed(DataSource listenSource, String channel) {
    this.listenSource = listenSource;
    this.channel = channel;
  }

  synchronized void add(TranscriptSubscription subscription) {
    subscribers.computeIfAbsent(subscription.transcriptId(), id -> new LinkedHashSet<>()).add(subscription);
    size++;
    if (thread == null) {
      thread = new Thread(this::run, "transcript-feed");
      thread.setDaemon(true);
      thread.start();
    }
  }

  synchronized void remove(TranscriptSubscription subscription) {
    Set<TranscriptSubscription> ofTranscript = subscribers.get(subscription.transcriptId());
    if (ofTranscript != null && ofTranscript.remove(subscription)) {
      size--;
      if (ofTranscript.isEmpty()) {
        subscribers.remove(subscription.transcriptId());
      }
    }
  }

  /** How many subscriptions are open. */
  synchronized int size() {
    return size;
  }

  private void run() {
    while (!stopIfIdle()) {
      try (Connection connection = listenSource.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + channel);
        PGConnection notifications = connection.unwrap(PGConnection.class);
        wake(all()); // what was appended while nobody listened
        while (!stopIfIdle()) {
          PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
          for (PGNotification notification : received == null ? new PGNotification[0] : received) {
            wake(of(notification.getParameter()));
          }
        }
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.warn("transcript feed lost its connection, reconnecting: {}", e.toString());
        wake(all());
        if (!pause()) {
          return;
        }
      }
    }
  }

  /** Ends the thread when nobody subscribes; a later subscription starts a new one. */
  private synchronized boolean stopIfIdle() {
    if (subscribers.isEmpty()) {
      thread = null;
      return true;
    }
    return false;
  }

  private synchronized List<TranscriptSubscription> of(String transcriptId) {
    Set<TranscriptSubscription> ofTranscript = subscribers.get(transcriptId);
    return ofTranscript == null ? List.of() : new ArrayList<>(ofTranscript);
  }

  private synchronized List<TranscriptSubscription> all() {
    List<TranscriptSubscription> all = new ArrayList<>();
    subscribers.values().forEach(all::addAll);
    return all;
  }

  private static void wake(List<TranscriptSubscription> subscriptions) {
    subscriptions.forEach(TranscriptSubscription::wake);
  }

  /** Backs off before reconnecting to a database that just failed; false if this thread must end. */
  private boolean pause() {
    try {
      Thread.sleep(RECONNECT_MILLIS);
      return true;
    } catch (InterruptedException stopping) {
      synchronized (this) {
        thread = null;
      }
      return false;
    }
  }
}
