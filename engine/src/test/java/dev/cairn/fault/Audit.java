package dev.cairn.fault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a fault-injection run, made once every process is quiet, from the engine's tables (schema
 * {@value Cluster#SCHEMA}) and the execution log the step bodies wrote ({@link ExecutionLog}). Each check lists
 * its violations, one line each, saying what happened to which run and step.
 *
 * <p>When a checkpoint committed is read from the commit timestamp of the transaction that wrote the step's
 * STEP_SUCCEEDED event (the same transaction as the checkpoint; PostgreSQL runs with track_commit_timestamp),
 * falling back to {@code steps.finished_at}, which is that transaction's start and so earlier.
 */
final class Audit {
  static final String RUNS_SUCCEED = "(a) every run SUCCEEDED with the right result";
  static final String NO_RUN_AFTER_SUCCESS = "(b) no step body started after its SUCCEEDED checkpoint committed";
  static final String CHILDREN_ONCE = "(c) no child run started twice for the same (parent step, key)";
  static final String EVENTS_GAPLESS = "(d) every run's event log is numbered 1..n without gaps";
  static final String QUIET_NO_LEASE_LOSS = "(e) without faults, no step loses its lease or fails";

  private static final String S = Cluster.SCHEMA + ".";
  private static final String TIME = "'HH24:MI:SS.MS'";

  private final Connection connection;
  private final Map<String, List<String>> violations = new LinkedHashMap<>();

  Audit(Connection connection) throws SQLException {
    this.connection = connection;
    // Times in the violations read like the fault log's: UTC.
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
    }
    for (String check : List.of(RUNS_SUCCEED, NO_RUN_AFTER_SUCCESS, CHILDREN_ONCE, EVENTS_GAPLESS,
        QUIET_NO_LEASE_LOSS)) {
      violations.put(check, new ArrayList<>());
    }
  }

  /** Runs every check; {@code runs} is how many diamond runs were triggered, {@code quietPrefix} their keys'. */
  Map<String, List<String>> check(int runs, String quietPrefix) throws SQLException {
    checkRuns(runs);
    checkNoExecutionAfterSuccess();
    checkChildrenOnce();
    checkEventLogs();
    checkQuietPhase(quietPrefix);
    return violations;
  }

  private void checkRuns(int runs) throws SQLException {
    List<String> found = violations.get(RUNS_SUCCEED);
    long diamonds = Long.parseLong(rows("SELECT count(*) FROM " + S + "runs WHERE workflow_name = ?",
        FaultWorkflows.DIAMOND).get(0));
    if (diamonds != runs) {
      found.add(runs + " diamond runs were triggered, the engine has " + diamonds);
    }
    found.addAll(rows("SELECT 'run ' || r.id || ' (' || r.workflow_name || ') is ' || r.status"
        + " || coalesce(': ' || left(r.error, 300), '') || '; steps: ' || (SELECT string_agg(s.step_name || ' '"
        + " || s.status || ' attempt ' || s.attempt || ' lease_expiries ' || s.lease_expiries || ' failures '"
        + " || s.failures || coalesce(' (' || left(s.error, 200) || ')', ''), ', ' ORDER BY s.id)"
        + " FROM " + S + "steps s WHERE s.run_id = r.id)"
        + " FROM " + S + "runs r WHERE r.status <> 'SUCCEEDED' ORDER BY r.created_at"));
    for (String row : rows("SELECT r.id || ' ' || (r.input #>> '{}') || ' ' || coalesce(d.output #>> '{}', 'none')"
        + " FROM " + S + "runs r LEFT JOIN " + S + "steps d ON d.run_id = r.id AND d.step_name = 'd'"
        + " WHERE r.workflow_name = ? AND r.status = 'SUCCEEDED'", FaultWorkflows.DIAMOND)) {
      String[] parts = row.split(" ");
      String expected = FaultWorkflows.expected(Integer.parseInt(parts[1]));
      if (!expected.equals(parts[2])) {
        found.add("run " + parts[0] + " with input " + parts[1] + " returned " + parts[2] + ", not " + expected);
      }
    }
    found.addAll(rows("SELECT 'run ' || p.id || ' has ' || count(c.id) || ' child runs, not ' || ?"
        + " FROM " + S + "runs p LEFT JOIN " + S + "runs c ON c.parent_run_id = p.id"
        + " WHERE p.workflow_name = ? GROUP BY p.id HAVING count(c.id) <> ?", FaultWorkflows.CHILDREN,
        FaultWorkflows.DIAMOND, FaultWorkflows.CHILDREN));
  }

  private void checkNoExecutionAfterSuccess() throws SQLException {
    List<String> found = violations.get(NO_RUN_AFTER_SUCCESS);
    found.addAll(rows("WITH checkpoints AS ("
        + " SELECT s.run_id, s.step_name, s.attempt, s.worker_id, coalesce((SELECT min(pg_xact_commit_timestamp(e.xmin))"
        + "   FROM " + S + "events e WHERE e.run_id = s.run_id AND e.step_name = s.step_name"
        + "   AND e.type = 'STEP_SUCCEEDED'), s.finished_at) AS committed_at"
        + " FROM " + S + "steps s WHERE s.status = 'SUCCEEDED')"
        + " SELECT 'an already-succeeded step ran again: run ' || x.run_id || ' step ' || x.step_name"
        + " || ' attempt ' || x.attempt || ' started on ' || x.worker || ' at ' || to_char(x.recorded_at, " + TIME + ")"
        + " || ', ' || round(extract(epoch FROM x.recorded_at - c.committed_at) * 1000) || ' ms after attempt '"
        + " || c.attempt || ' (' || coalesce(c.worker_id, '?') || ') committed its checkpoint at '"
        + " || to_char(c.committed_at, " + TIME + ") || '; assignments: ' || (SELECT string_agg('attempt '"
        + "   || e.attempt || ' to ' || coalesce(e.payload ->> 'worker', '?') || ' at '"
        + "   || to_char(e.created_at, " + TIME + "), ', ' ORDER BY e.seq) FROM " + S + "events e"
        + "   WHERE e.run_id = x.run_id AND e.step_name = x.step_name AND e.type = 'STEP_STARTED')"
        + " FROM " + ExecutionLog.TABLE + " x JOIN checkpoints c ON c.run_id = x.run_id AND c.step_name = x.step_name"
        + " WHERE x.recorded_at > c.committed_at ORDER BY x.recorded_at"));
    found.addAll(rows("SELECT 'checkpoint stored ' || count(*) || ' times: run ' || run_id || ' step ' || step_name"
        + " FROM " + S + "events WHERE type = 'STEP_SUCCEEDED' GROUP BY run_id, step_name HAVING count(*) > 1"));
  }

  private void checkChildrenOnce() throws SQLException {
    List<String> found = violations.get(CHILDREN_ONCE);
    found.addAll(rows("SELECT 'run ' || parent_run_id || ' has ' || count(*) || ' child runs under key ' || child_key"
        + " || ': ' || string_agg(id::text, ', ') FROM " + S + "runs WHERE parent_run_id IS NOT NULL"
        + " GROUP BY parent_run_id, child_key HAVING count(*) > 1"));
    found.addAll(rows("SELECT 'run ' || parent_run_id || ' key ' || child_key || ' was executed as '"
        + " || count(DISTINCT run_id) || ' different child runs: ' || string_agg(DISTINCT run_id::text, ', ')"
        + " FROM " + ExecutionLog.TABLE + " WHERE parent_run_id IS NOT NULL GROUP BY parent_run_id, child_key"
        + " HAVING count(DISTINCT run_id) > 1"));
  }

  private void checkEventLogs() throws SQLException {
    violations.get(EVENTS_GAPLESS).addAll(rows("SELECT 'run ' || r.id || ': ' || count(e.seq) || ' events numbered '"
        + " || coalesce(min(e.seq), 0) || '..' || coalesce(max(e.seq), 0) || ', last_event_seq ' || r.last_event_seq"
        + " FROM " + S + "runs r LEFT JOIN " + S + "events e ON e.run_id = r.id GROUP BY r.id, r.last_event_seq"
        + " HAVING count(e.seq) = 0 OR min(e.seq) <> 1 OR max(e.seq) <> count(e.seq)"
        + " OR max(e.seq) <> r.last_event_seq"));
  }

  private void checkQuietPhase(String quietPrefix) throws SQLException {
    violations.get(QUIET_NO_LEASE_LOSS).addAll(rows("WITH quiet AS (SELECT id FROM " + S + "runs"
        + " WHERE idempotency_key LIKE ? || '-%')"
        + " SELECT 'run ' || r.id || ' step ' || s.step_name || ' (no fault injected yet): lease_expiries '"
        + " || s.lease_expiries || ', failures ' || s.failures || coalesce(', last error: ' || left(s.error, 200), '')"
        + " || '; assignments: ' || (SELECT string_agg('attempt ' || e.attempt || ' to '"
        + "   || coalesce(e.payload ->> 'worker', '?') || ' at ' || to_char(e.created_at, " + TIME + "), ', '"
        + "   ORDER BY e.seq) FROM " + S + "events e WHERE e.run_id = r.id AND e.step_name = s.step_name"
        + "   AND e.type = 'STEP_STARTED')"
        + " FROM " + S + "runs r JOIN " + S + "steps s ON s.run_id = r.id"
        + " WHERE (r.id IN (SELECT id FROM quiet) OR r.parent_run_id IN (SELECT id FROM quiet))"
        + " AND (s.lease_expiries > 0 OR s.failures > 0) ORDER BY r.created_at", quietPrefix));
  }

  /** What was counted, for the report: executions, assignments, lease expiries, retries. */
  List<String> statistics() throws SQLException {
    List<String> lines = new ArrayList<>();
    lines.add("runs: " + String.join(", ", rows("SELECT workflow_name || ' ' || status || ' ' || count(*) FROM " + S
        + "runs GROUP BY workflow_name, status ORDER BY 1")));
    lines.add("step executions recorded by step bodies: " + rows("SELECT count(*) FROM " + ExecutionLog.TABLE)
        .get(0) + " (" + String.join(", ", rows("SELECT step_name || ' ' || count(*) FROM " + ExecutionLog.TABLE
        + " GROUP BY step_name ORDER BY step_name")) + ")");
    lines.add("executions per worker: " + String.join(", ", rows("SELECT worker || ' ' || count(*) FROM "
        + ExecutionLog.TABLE + " GROUP BY worker ORDER BY worker")));
    lines.add("engine events: " + String.join(", ", rows("SELECT type || ' ' || count(*) FROM " + S + "events"
        + " WHERE type LIKE 'STEP\\_%' GROUP BY type ORDER BY type")));
    lines.add("steps with lease expiries: " + rows("SELECT count(*) || ' (' || coalesce(sum(lease_expiries), 0)"
        + " || ' expiries, most on one step ' || coalesce(max(lease_expiries), 0) || ')' FROM " + S
        + "steps WHERE lease_expiries > 0").get(0));
    return lines;
  }

  private List<String> rows(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(result.getString(1));
        }
      }
      return rows;
    }
  }
}
