package dev.cairn.fault;

import dev.cairn.StepContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The accounting the fault-injection checks trust: every step body's first action inserts one row into
 * {@code fault_audit.executions}, with the time the body started (read by its first instruction, from the same
 * machine clock PostgreSQL reads), the attempt the engine handed over and the process that ran it. The engine
 * cannot touch this table, so what it says ran is what ran. Plain JDBC on its own connection, so it works in any
 * worker process. Thread-safe.
 *
 * <p>The start is read before the insert, not by the database at the insert: a worker frozen (SIGSTOP) between
 * its first instruction and the insert's round trip would otherwise record, after it wakes, a body that really
 * started seconds before, while its lease was still valid. (The worker refuses to start an attempt whose lease ran
 * out by the time it reaches a slot; that check and the body's first instruction are microseconds apart.) The
 * database's {@code clock_timestamp()} at the insert is kept beside it for the report. If the insert fails
 * (PostgreSQL is down), the connection is dropped and the body throws: the attempt fails like any other, and a
 * step never runs unrecorded.
 */
public final class ExecutionLog {
  static final String TABLE = "fault_audit.executions";

  private final String jdbcUrl;
  private final String worker;
  private final ThreadLocal<Connection> connections = new ThreadLocal<>();

  public ExecutionLog(String jdbcUrl, String worker) {
    // Short timeouts: a body must not hang on a dead server; it fails and is retried instead.
    this.jdbcUrl = jdbcUrl + "?connectTimeout=3&socketTimeout=10";
    this.worker = worker;
  }

  static void createTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS fault_audit");
      statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id bigint GENERATED ALWAYS AS IDENTITY,"
          + " run_id uuid NOT NULL, step_name text NOT NULL, attempt int NOT NULL, worker text NOT NULL,"
          + " worker_pid bigint NOT NULL, parent_run_id uuid, child_key text,"
          + " started_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp())");
    }
  }

  /** Records that this attempt's body starts now. */
  public void record(StepContext ctx) {
    record(ctx, null, null);
  }

  /** Records the start of a child run's step, with the parent run and key the child was started under. */
  public void record(StepContext ctx, UUID parentRunId, String childKey) {
    Instant startedAt = Instant.now();
    try {
      insert(connection(), ctx, parentRunId, childKey, startedAt);
    } catch (SQLException e) {
      forgetConnection();
      throw new IllegalStateException("cannot record the execution of " + ctx.stepName() + " of run " + ctx.runId()
          + ": " + e.getMessage(), e);
    }
  }

  private void insert(Connection connection, StepContext ctx, UUID parentRunId, String childKey, Instant startedAt)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
        + " (run_id, step_name, attempt, worker, worker_pid, parent_run_id, child_key, started_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setObject(1, ctx.runId());
      insert.setString(2, ctx.stepName());
      insert.setInt(3, ctx.attempt());
      insert.setString(4, worker);
      insert.setLong(5, ProcessHandle.current().pid());
      insert.setObject(6, parentRunId);
      insert.setString(7, childKey);
      insert.setTimestamp(8, Timestamp.from(startedAt));
      insert.executeUpdate();
    }
  }

  private Connection connection() throws SQLException {
    Connection connection = connections.get();
    if (connection == null) {
      connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
      connections.set(connection);
    }
    return connection;
  }

  private void forgetConnection() {
    Connection connection = connections.get();
    connections.remove();
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException alreadyBroken) {
        // the server went away under it; nothing to close cleanly
      }
    }
  }
}
