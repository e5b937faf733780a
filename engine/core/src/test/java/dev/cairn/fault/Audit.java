package dev.cairn.fault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * {@value Cluster#SCHEMA}) and the execution log the step bodies wrote ({@link ExecutionLog}). Each check lists its
 * violations, one line each, saying what happened to which run and step. The queries are in
 * {@code src/test/resources/dev/cairn/fault/audit/}, one per file, each saying what it looks for.
 */
final class Audit {
  static final String RUNS_SUCCEED = "(a) every run SUCCEEDED with the right result";
  static final String NO_RUN_AFTER_SUCCESS = "(b) no step body started after its SUCCEEDED checkpoint committed";
  static final String CHILDREN_ONCE = "(c) no child run started twice for the same (parent step, key)";
  static final String EVENTS_GAPLESS = "(d) every run's event log is numbered 1..n without gaps";
  static final String QUIET_NO_LEASE_LOSS = "(e) without faults, no step loses its lease or fails";

  private final Connection connection;

  Audit(Connection connection) throws SQLException {
    this.connection = connection;
    // Times in the violations read like the fault log's: UTC.
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
    }
  }

  /**
   * Runs every check, in order; {@code runs} is how many diamond runs were triggered, {@code quietPrefix} the
   * idempotency-key prefix of those triggered before any fault.
   */
  Map<String, List<String>> check(int runs, String quietPrefix) throws SQLException {
    Map<String, List<String>> violations = new LinkedHashMap<>();
    violations.put(RUNS_SUCCEED, runsSucceed(runs));
    violations.put(NO_RUN_AFTER_SUCCESS, concat(lines("executionsAfterCheckpoint"), lines("checkpointsStoredTwice")));
    violations.put(CHILDREN_ONCE, concat(lines("childKeysWithTwoRuns"), lines("childKeysExecutedAsTwoRuns")));
    violations.put(EVENTS_GAPLESS, lines("eventLogsWithGaps"));
    violations.put(QUIET_NO_LEASE_LOSS, lines("quietStepsThatLostLeaseOrFailed", quietPrefix));
    return violations;
  }

  /** What was counted, for the report: runs, executions, the engine's step events, lease expiries. */
  List<String> statistics() throws SQLException {
    return lines("statistics");
  }

  private List<String> runsSucceed(int runs) throws SQLException {
    List<String> found = new ArrayList<>();
    long diamonds = Long.parseLong(lines("diamondRunCount", FaultWorkflows.DIAMOND).get(0));
    if (diamonds != runs) {
      found.add(runs + " diamond runs were triggered, the engine has " + diamonds);
    }
    found.addAll(lines("runsNotSucceeded"));
    for (String row : lines("diamondResults", FaultWorkflows.DIAMOND)) {
      String[] idInputOutput = row.split(" ");
      String expected = FaultWorkflows.expected(Integer.parseInt(idInputOutput[1]));
      if (!expected.equals(idInputOutput[2])) {
        found.add("run " + idInputOutput[0] + " with input " + idInputOutput[1] + " returned " + idInputOutput[2]
            + ", not " + expected);
      }
    }
    found.addAll(lines("diamondsWithoutAllChildren", FaultWorkflows.CHILDREN, FaultWorkflows.DIAMOND,
        FaultWorkflows.CHILDREN));
    return found;
  }

  /** The first column of every row the query in {@code audit/<name>.sql} returns. */
  private List<String> lines(String name, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql(name))) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<String> lines = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          lines.add(rows.getString(1));
        }
      }
      return lines;
    }
  }

  private static String sql(String name) {
    try (InputStream in = Audit.class.getResourceAsStream("audit/" + name + ".sql")) {
      if (in == null) {
        throw new IllegalStateException("no audit query " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read audit query " + name, e);
    }
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }
}
