package dev.cairn.examples;

import dev.cairn.Cairn;
import dev.cairn.Workflows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The retention benchmark (not a test): deletes a million finished runs and measures the deletion rate and the
 * single-step trigger-to-result latency while it runs, against the latency with the same million runs kept. Needs a
 * PostgreSQL server (a JDBC URL); it works in its own schema, emptied first.
 *
 * <pre>
 * java -cp ... dev.cairn.examples.RetentionBench jdbc:postgresql://127.0.0.1:5432/bench user password [runs]
 * </pre>
 *
 * The million runs are copies of a real finished single-step run (its run row, step row and events), made 40 days
 * old by SQL in batches, so they have the shape and size of what the engine writes.
 */
public final class RetentionBench {
  static final String SCHEMA = "cairn_retention_bench";
  static final int SEED_BATCH = 50_000;

  private RetentionBench() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    int retired = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
    int samples = 1000;
    try (Connection sql = DriverManager.getConnection(url, user, password)) {
      sql.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version"));

    // Phase 1: the million runs are kept (retention off): seed them, then measure latency with them in place.
    try (Cairn cairn = engine(url, user, password).retention(Workflows.KEEP_FOREVER).build();
        Connection sql = DriverManager.getConnection(url, user, password)) {
      cairn.start();
      UUID template = cairn.trigger("bench-single", 0).id();
      cairn.await(template, Duration.ofSeconds(30));
      long seedStart = System.nanoTime();
      for (int from = 0; from < retired; from += SEED_BATCH) {
        seed(sql, template, from, Math.min(retired, from + SEED_BATCH));
      }
      sql.createStatement().execute("VACUUM ANALYZE " + SCHEMA + ".runs, " + SCHEMA + ".steps, " + SCHEMA
          + ".events");
      System.out.printf("seeded %d finished runs (run, step and %d events each, 40 days old) in %.1f s%n", retired,
          count(sql, "SELECT count(*) FROM " + SCHEMA + ".events WHERE run_id = '" + template + "'"),
          (System.nanoTime() - seedStart) / 1e9);
      Bench.latency(cairn, 200, true);
      Bench.latency(cairn, samples, false);
    }

    // Phase 2: the default retention (30 days) deletes them while single-step runs are timed without pause.
    try (Cairn cairn = engine(url, user, password).retention(Duration.ofDays(30)).build();
        Connection sql = DriverManager.getConnection(url, user, password)) {
      String remaining = "SELECT count(*) FROM " + SCHEMA + ".runs WHERE created_at < now() - interval '30 days'";
      cairn.start();
      long start = System.nanoTime();
      List<Long> nanos = new ArrayList<>();
      long firstGone = -1;
      long left = retired;
      long lastCheck = 0;
      while (left > 0) {
        long t0 = System.nanoTime();
        int result = cairn.trigger("bench-single", nanos.size()).result(Integer.class, Duration.ofSeconds(30));
        if (result != nanos.size()) {
          throw new IllegalStateException("wrong result " + result);
        }
        if (firstGone >= 0) {
          nanos.add(System.nanoTime() - t0);
        }
        if (System.nanoTime() - lastCheck > 2_000_000_000L) {
          lastCheck = System.nanoTime();
          left = count(sql, remaining);
          if (firstGone < 0 && left < retired) {
            firstGone = System.nanoTime();
          }
          System.out.printf("  %.0f s: %d old runs left%n", (lastCheck - start) / 1e9, left);
        }
      }
      double seconds = (System.nanoTime() - firstGone) / 1e9;
      long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      System.out.printf("retention deleted %d runs (with their steps and events) in %.1f s from the first deletion"
          + " seen: %.0f runs/s%n", retired, seconds, retired / seconds);
      System.out.printf("latency while deleting: %d single-step runs, trigger to result: p50 %.2f ms, p90 %.2f ms,"
          + " p99 %.2f ms, max %.2f ms%n", sorted.length, Bench.percentile(sorted, 50), Bench.percentile(sorted, 90),
          Bench.percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
      Bench.latency(cairn, samples, false);
    }
  }

  private static Cairn.Builder engine(String url, String user, String password) {
    // Sweeps every second: retention rounds every 12 s, so deletion starts soon after the engine does.
    return Cairn.builder().jdbcUrl(url, user, password).schema(SCHEMA).workerSlots(16)
        .sweepInterval(Duration.ofSeconds(1)).register(new Bench.Single());
  }

  /** Copies the template run (row, steps, events) as runs {@code from..to-1}, created 40 days ago, 1 ms apart. */
  private static void seed(Connection sql, UUID template, int from, int to) throws SQLException {
    String s = SCHEMA;
    try (PreparedStatement copy = sql.prepareStatement(
        "WITH numbered AS (SELECT gen_random_uuid() AS id, now() - interval '40 days' + g * interval '1 ms' AS at"
            + "    FROM generate_series(?, ?) g),"
            + " new_runs AS (INSERT INTO " + s + ".runs (id, workflow_name, status, input, metadata, priority,"
            + "    last_event_seq, created_at, started_at, finished_at, definition_fingerprint)"
            + "  SELECT n.id, t.workflow_name, t.status, t.input, t.metadata, t.priority, t.last_event_seq, n.at,"
            + "    n.at, n.at + interval '2 ms', t.definition_fingerprint"
            + "  FROM numbered n CROSS JOIN " + s + ".runs t WHERE t.id = ? RETURNING id, created_at),"
            + " new_steps AS (INSERT INTO " + s + ".steps (run_id, workflow_name, step_name, parent_names,"
            + "    pending_parents, on_failure, status, priority, attempt, failures, lease_expiries, available_at,"
            + "    queued_at, started_at, finished_at, output, worker_id)"
            + "  SELECT r.id, t.workflow_name, t.step_name, t.parent_names, t.pending_parents, t.on_failure, t.status,"
            + "    t.priority, t.attempt, t.failures, t.lease_expiries, r.created_at, r.created_at, r.created_at,"
            + "    r.created_at + interval '2 ms', t.output, t.worker_id"
            + "  FROM new_runs r CROSS JOIN " + s + ".steps t WHERE t.run_id = ? RETURNING 1)"
            + " INSERT INTO " + s + ".events (run_id, seq, type, step_name, attempt, payload, created_at)"
            + " SELECT r.id, e.seq, e.type, e.step_name, e.attempt, e.payload, r.created_at"
            + " FROM new_runs r CROSS JOIN " + s + ".events e WHERE e.run_id = ?")) {
      copy.setInt(1, from);
      copy.setInt(2, to - 1);
      copy.setObject(3, template);
      copy.setObject(4, template);
      copy.setObject(5, template);
      copy.executeUpdate();
    }
  }

  private static long count(Connection sql, String query) throws SQLException {
    try (Statement statement = sql.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
