package dev.cairn.db;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One dedicated connection that LISTENs on some channels. Not thread-safe: one thread polls it. A notification
 * can be lost while the connection is down, so after reopening, callers must assume they missed some.
 */
public final class PgListener implements AutoCloseable {
  /** A notification received: its channel and payload. */
  public record Notification(String channel, String payload) {}

  private final Handle handle;
  private final PGConnection connection;

  public PgListener(DataSource dataSource, List<String> channels) {
    this.handle = Jdbi.create(dataSource).open();
    try {
      for (String channel : channels) {
        handle.define("channel", '"' + channel.replace("\"", "\"\"") + '"').execute(Sql.named("listen"));
      }
      this.connection = handle.getConnection().unwrap(PGConnection.class);
    } catch (SQLException | RuntimeException e) {
      handle.close();
      throw new IllegalStateException("cannot LISTEN on " + channels + ": " + e.getMessage(), e);
    }
  }

  /** Waits up to {@code timeoutMillis} for notifications; returns those received (possibly none). */
  public List<Notification> poll(int timeoutMillis) throws SQLException {
    PGNotification[] received = connection.getNotifications(timeoutMillis);
    List<Notification> notifications = new ArrayList<>();
    if (received != null) {
      for (PGNotification notification : received) {
        notifications.add(new Notification(notification.getName(), notification.getParameter()));
      }
    }
    return notifications;
  }

  @Override
  public void close() {
    handle.close();
  }
}
