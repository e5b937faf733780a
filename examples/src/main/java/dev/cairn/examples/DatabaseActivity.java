package dev.cairn.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * What PostgreSQL did while a Bench phase ran, to explain a slow round instead of guessing: the checkpoints, the
 * WAL written (and how much of it was full-page images), the autovacuum and ANALYZE passes over the engine's hot
 * tables, and what its backends waited on (sampled every 50 ms from {@code pg_stat_activity}). Opened on its own
 * connection; only with {@code --jdbc-url} (the embedded database is not reachable from here): without it, the probe
 * reports nothing. Not thread-safe: one phase at a time.
 */
final class DatabaseActivity implements AutoCloseable {
  // PostgreSQL 17 moved the checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer.
  private static final String CHECKPOINTS_BEFORE_17 = "SELECT checkpoints_timed, checkpoints_req FROM pg_stat_bgwriter";
  private static final String CHECKPOINTS = "SELECT num_timed, num_requested FROM pg_stat_checkpointer";
  private static final String COUNTERS = """
      SELECT c.*, w.wal_bytes, w.wal_fpi, t.autovacuums, t.autoanalyzes, t.analyzes
      FROM (%s) c, pg_stat_wal w,
           (SELECT coalesce(sum(autovacuum_count), 0) AS autovacuums,
                   coalesce(sum(autoanalyze_count), 0) AS autoanalyzes, coalesce(sum(analyze_count), 0) AS analyzes
            FROM pg_stat_user_tables WHERE schemaname = ? AND relname IN ('runs', 'steps', 'events')) t
      """;
  private static final String WAITS = """
      SELECT CASE WHEN backend_type = 'client backend' THEN '' ELSE backend_type || ' ' END
             || coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*) FROM pg_stat_activity
      WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
         OR backend_type IN ('autovacuum worker', 'checkpointer', 'walwriter') AND wait_event_type IS DISTINCT FROM
            'Activity'
      GROUP BY 1
      """;

  private final Connection counters;
  private final Connection sampler;
  private final String schema;
  private final String countersQuery;
  private long[] before;
  private Thread sampling;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Map<String, Integer> waits = new TreeMap<>();
  private int samples;

  private DatabaseActivity(String schema) {
    this.counters = null;
    this.sampler = null;
    this.schema = schema;
    this.countersQuery = null;
  }

  private DatabaseActivity(Connection counters, Connection sampler, String schema) throws SQLException {
    this.counters = counters;
    this.sampler = sampler;
    this.schema = schema;
    int version = counters.getMetaData().getDatabaseMajorVersion();
    this.countersQuery = String.format(COUNTERS, version >= 17 ? CHECKPOINTS : CHECKPOINTS_BEFORE_17);
  }

  /** Opens the probe of the engine's tables in {@code schema}; one that reports nothing without {@code --jdbc-url}. */
  static DatabaseActivity open(Map<String, String> options, String schema) throws SQLException {
    if (!options.containsKey("jdbc-url")) {
      return new DatabaseActivity(schema);
    }
    String url = options.get("jdbc-url");
    String user = options.getOrDefault("user", "postgres");
    String password = options.getOrDefault("password", "");
    Connection counters = DriverManager.getConnection(url, user, password);
    try {
      return new DatabaseActivity(counters, DriverManager.getConnection(url, user, password), schema);
    } catch (SQLException | RuntimeException e) {
      counters.close();
      throw e;
    }
  }

  /** Starts a phase: reads the counters and starts sampling waits. */
  void begin() throws SQLException {
    if (counters == null) {
      return;
    }
    before = read();
    waits.clear();
    samples = 0;
    running.set(true);
    sampling = new Thread(this::sample, "bench-database-activity");
    sampling.setDaemon(true);
    sampling.start();
  }

  /** Ends the phase: what happened since {@link #begin}, on one line ("" without a database to ask). */
  String end() throws SQLException, InterruptedException {
    if (counters == null) {
      return "";
    }
    running.set(false);
    sampling.join();
    long[] after = read();
    long[] delta = new long[after.length];
    for (int i = 0; i < after.length; i++) {
      delta[i] = after[i] - before[i];
    }
    int top = 6;
    String waited = waits.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top).map(wait -> String.format("%s %.1f", wait.getKey(), (double) wait.getValue() / samples))
        .collect(Collectors.joining(", "));
    return String.format("checkpoints %d timed / %d requested, WAL %.0f MB (%d full-page images),"
        + " autovacuum %d, autoanalyze %d, analyze %d on runs/steps/events; busy backends on average (%d samples):"
        + " %s", delta[0], delta[1], delta[2] / 1e6, delta[3], delta[4], delta[5], delta[6], samples, waited);
  }

  /** How much the database stores: ", N runs stored, database SIZE (autovacuums/analyzes: ...)", or "". */
  String stored() {
    if (counters == null) {
      return "";
    }
    String query = "SELECT (SELECT count(*) FROM " + schema + ".runs),"
        + " pg_size_pretty(pg_database_size(current_database())),"
        + " (SELECT string_agg(relname || ' ' || autovacuum_count || '/' || autoanalyze_count || ' dead '"
        + " || n_dead_tup, ', ' ORDER BY relname) FROM pg_stat_user_tables WHERE schemaname = ?"
        + " AND relname IN ('runs', 'steps', 'events'))";
    try (PreparedStatement statement = counters.prepareStatement(query)) {
      statement.setString(1, schema);
      ResultSet row = statement.executeQuery();
      row.next();
      return ", " + row.getLong(1) + " runs stored, database " + row.getString(2) + " (autovacuums/analyzes: "
          + row.getString(3) + ")";
    } catch (SQLException e) {
      return ", (stored runs unknown: " + e.getMessage() + ")";
    }
  }

  private long[] read() throws SQLException {
    try (PreparedStatement statement = counters.prepareStatement(countersQuery)) {
      statement.setString(1, schema);
      ResultSet row = statement.executeQuery();
      row.next();
      long[] values = new long[7];
      for (int i = 0; i < values.length; i++) {
        values[i] = row.getLong(i + 1);
      }
      return values;
    }
  }

  private void sample() {
    while (running.get()) {
      try (Statement statement = sampler.createStatement(); ResultSet rows = statement.executeQuery(WAITS)) {
        samples++;
        while (rows.next()) {
          waits.merge(rows.getString(1), rows.getInt(2), Integer::sum);
        }
        Thread.sleep(50);
      } catch (SQLException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    running.set(false);
    if (counters != null) {
      try (counters; sampler) {
        // closes both
      }
    }
  }
}
