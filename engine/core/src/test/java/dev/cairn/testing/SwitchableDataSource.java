package dev.cairn.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The test database, which a test can make unreachable: while down, every new connection fails as a refused
 * connection does (SQLSTATE 08001). Connections are not pooled, so "down" takes effect at once.
 */
public final class SwitchableDataSource implements DataSource {
  private final DataSource database;
  private volatile boolean down;
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicInteger refuseNext = new AtomicInteger();

  public SwitchableDataSource(DataSource database) {
    this.database = database;
  }

  public void down(boolean down) {
    this.down = down;
  }

  /** Refuses the next {@code count} connections, then works again. */
  public void refuseNext(int count) {
    refuseNext.set(count);
  }

  /** Connections refused so far. */
  public int refusals() {
    return refusals.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down || refuseNext.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      refusals.incrementAndGet();
      throw new SQLException("Connection to localhost:5432 refused (test database switched off)", "08001");
    }
    return database.getConnection();
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
