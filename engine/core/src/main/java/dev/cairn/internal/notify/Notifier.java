package dev.cairn.internal.notify;

import dev.cairn.db.PgListener;
import dev.cairn.internal.concurrent.DaemonThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one LISTEN connection and hands each notification's payload to its channel's handler. When the
 * connection drops it reconnects with backoff and then calls {@code onReconnect}, since notifications sent while
 * it was down are lost. Owns one daemon thread; handlers run on it and must be quick.
 */
public final class Notifier {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private static final int POLL_MILLIS = 500;

  private final DataSource dataSource;
  private final Map<String, Consumer<String>> handlers;
  private final Runnable onReconnect;
  private final DaemonThread thread = new DaemonThread("cairn-notifier");

  public Notifier(DataSource dataSource, Map<String, Consumer<String>> handlers, Runnable onReconnect) {
    this.dataSource = dataSource;
    this.handlers = Map.copyOf(handlers);
    this.onReconnect = onReconnect;
  }

  public void start() {
    thread.start(this::loop);
  }

  public void stop() {
    thread.stop(() -> { }, Duration.ofMillis(POLL_MILLIS * 4L));
  }

  private void loop() {
    long backoff = 100;
    boolean connectedBefore = false;
    while (thread.running()) {
      try (PgListener listener = new PgListener(dataSource, new ArrayList<>(handlers.keySet()))) {
        if (connectedBefore) {
          log.info("notification connection regained");
          onReconnect.run();
        }
        connectedBefore = true;
        backoff = 100;
        while (thread.running()) {
          dispatch(listener.poll(POLL_MILLIS));
        }
      } catch (Exception e) {
        if (!thread.running()) {
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
    for (PgListener.Notification notification : notifications) {
      Consumer<String> handler = handlers.get(notification.channel());
      if (handler != null) {
        try {
          handler.accept(notification.payload());
        } catch (RuntimeException e) {
          log.warn("handling a notification on {} failed: {}", notification.channel(), e.toString());
        }
      }
    }
  }
}
