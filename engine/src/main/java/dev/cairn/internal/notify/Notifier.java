package dev.cairn.internal.notify;

import dev.cairn.db.PgListener;
import dev.cairn.internal.completion.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one LISTEN connection and turns notifications into calls: queued work wakes the dispatcher, finished
 * runs wake their waiters. When the connection drops it reconnects with backoff and then wakes everything once,
 * since notifications sent while it was down are lost. Owns one daemon thread.
 */
public final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final int POLL_MILLIS = 500;

  private final DataSource dataSource;
  private final Channels channels;
  private final Runnable onWork;
  private final Consumer<List<UUID>> onRunsFinished;
  private final Runnable onMissedNotifications;
  private volatile boolean running;
  private Thread thread;

  public Notifier(DataSource dataSource, Channels channels, Runnable onWork, Consumer<List<UUID>> onRunsFinished,
      Runnable onMissedNotifications) {
    this.dataSource = dataSource;
    this.channels = channels;
    this.onWork = onWork;
    this.onRunsFinished = onRunsFinished;
    this.onMissedNotifications = onMissedNotifications;
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "cairn-notifier");
    thread.setDaemon(true);
    thread.start();
  }

  public void stop() {
    Thread toJoin;
    synchronized (this) {
      running = false;
      toJoin = thread;
      thread = null;
    }
    if (toJoin != null) {
      try {
        toJoin.join(POLL_MILLIS * 4L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    long backoff = 100;
    boolean connectedBefore = false;
    while (running) {
      try (PgListener listener = new PgListener(dataSource, List.of(channels.wake(), channels.runs()))) {
        if (connectedBefore) {
          log.info("notification connection regained");
          onMissedNotifications.run();
        }
        connectedBefore = true;
        backoff = 100;
        while (running) {
          dispatch(listener.poll(POLL_MILLIS));
        }
      } catch (Exception e) {
        if (!running) {
          return;
        }
        log.warn("notification connection lost, reconnecting in {} ms: {}", backoff, e.toString());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(5_000, backoff * 2);
      }
    }
  }

  private void dispatch(List<PgListener.Notification> notifications) {
    boolean work = false;
    List<UUID> finished = new ArrayList<>();
    for (PgListener.Notification notification : notifications) {
      if (notification.channel().equals(channels.wake())) {
        work = true;
      } else if (notification.channel().equals(channels.runs()) && !notification.payload().isEmpty()) {
        for (String id : notification.payload().split(",")) {
          finished.add(UUID.fromString(id));
        }
      }
    }
    if (work) {
      onWork.run();
    }
    if (!finished.isEmpty()) {
      onRunsFinished.accept(finished);
    }
  }
}
