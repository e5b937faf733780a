package dev.cairn.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path's lean insert of one run ({@code runInsertLeased}) writes what the general one ({@code runInsertAll})
 * writes for the same run under a {@link DirectLease}: the same run, step and event rows, column for column (ids and
 * times aside), and the same leased first steps; a paused workflow's run goes in queued; every other case takes the
 * general statement.
 */
class RunInsertLeasedTest {
  private static final String WORKFLOW = "dag";
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00.123456Z");
  private static final Notification WAKE = new Notification("cairn_test_wake", "node");
  private static String schema;

  @BeforeAll
  static void migrate() {
    schema = TestDatabase.newSchema();
    CairnSchema.migrate(TestDatabase.dataSource(), schema);
  }

  @Test
  void theLeanInsertWritesWhatTheGeneralOneWritesForTheSameRun() throws SQLException {
    UUID lean = UUID.randomUUID();
    UUID general = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    DirectLease lease = new DirectLease("worker-1", "holder-1", 30_000, Set.of(lean, general, other));
    try (Connection connection = TestDatabase.dataSource().getConnection()) {
      Rows leanRows = rows(lean);
      assertTrue(Store.startsOneLeased(List.of(leanRows.run), leanRows.steps, null, lease));
      InsertedRuns leanInserted = Store.runInsertAll(connection, schema, NOW, List.of(leanRows.run), leanRows.steps,
          leanRows.events, null, WAKE, lease);
      Rows generalRows = rows(general);
      Rows otherRows = rows(other);
      InsertedRuns generalInserted = Store.runInsertAll(connection, schema, NOW,
          List.of(generalRows.run, otherRows.run), concat(generalRows.steps, otherRows.steps),
          concat(generalRows.events, otherRows.events), null, WAKE, lease);

      assertEquals(List.of(lean), leanInserted.ids());
      assertEquals(leased(generalInserted, general), leased(leanInserted, lean));
      for (String table : List.of("runs", "steps", "events")) {
        assertEquals(table(connection, table, general), table(connection, table, lean), table);
      }
    }
  }

  @Test
  void aPausedWorkflowsRunGoesInQueuedWithNothingLeased() throws SQLException {
    UUID id = UUID.randomUUID();
    DirectLease lease = new DirectLease("worker-1", "holder-1", 30_000, Set.of(id));
    Rows rows = rows(id, "paused-dag");
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO " + schema + ".workflow_pauses VALUES ('paused-dag', now())");
      InsertedRuns inserted = Store.runInsertAll(connection, schema, NOW, List.of(rows.run), rows.steps,
          rows.events, null, WAKE, lease);
      assertEquals(List.of(id), inserted.ids());
      assertEquals(List.of(), inserted.leased());
      assertEquals(List.of(List.of("status=QUEUED", "last_event_seq=3")), table(connection, id,
          "SELECT status, last_event_seq FROM %s.runs WHERE id = ?"));
      assertEquals(List.of(List.of("type=RUN_QUEUED"), List.of("type=STEP_QUEUED"), List.of("type=STEP_QUEUED")),
          table(connection, id, "SELECT type FROM %s.events WHERE run_id = ? ORDER BY seq"));
    }
  }

  static Stream<Arguments> generalCases() {
    UUID id = UUID.randomUUID();
    DirectLease lease = new DirectLease("worker-1", "holder-1", 30_000, Set.of(id));
    Rows rows = rows(id);
    NewRun run = rows.run;
    return Stream.of(
        Arguments.of("no lease", List.of(run), rows.steps, null, null),
        Arguments.of("not among the leased runs", List.of(run), rows.steps, null,
            new DirectLease("worker-1", "holder-1", 30_000, Set.of(UUID.randomUUID()))),
        Arguments.of("two runs", List.of(run, rows(UUID.randomUUID()).run), rows.steps, null, lease),
        Arguments.of("a child run", List.of(run), rows.steps, new ChildParent(UUID.randomUUID(), 1L, 1, null), lease),
        Arguments.of("an idempotency key", List.of(variant(run, "key-1", null, null)), rows.steps, null, lease),
        Arguments.of("run keys", List.of(variant(run, null, List.of(7L), null)), rows.steps, null, lease),
        Arguments.of("sticky", List.of(variant(run, null, null, "SOFT")), rows.steps, null, lease),
        Arguments.of("a later step with keys", List.of(run), List.of(rows.steps.get(0), new NewStep(id, WORKFLOW,
            "c", List.of("a"), false, false, 0, null, List.of(3L), List.of(1), 3L, null, null)), null, lease),
        Arguments.of("a later step with labels", List.of(run), List.of(rows.steps.get(0), new NewStep(id, WORKFLOW,
            "c", List.of("a"), false, false, 0, null, null, null, null, "gpu", null)), null, lease));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generalCases")
  void everyOtherInsertTakesTheGeneralStatement(String name, List<NewRun> runs, List<NewStep> steps,
      ChildParent parent, DirectLease lease) {
    assertFalse(Store.startsOneLeased(runs, steps, parent, lease), name);
  }

  /** A run of a DAG with two first steps (one with a schedule timeout), a join and an on-failure step. */
  private record Rows(NewRun run, List<NewStep> steps, List<NewEvent> events) {}

  private static Rows rows(UUID id) {
    return rows(id, WORKFLOW);
  }

  private static Rows rows(UUID id, String workflow) {
    List<NewStep> steps = List.of(
        new NewStep(id, workflow, "a", List.of(), false, true, 5, null, null, null, null, null, null),
        new NewStep(id, workflow, "b", List.of(), false, true, 5, 2_500L, null, null, null, null, null),
        new NewStep(id, workflow, "c", List.of("a", "b"), false, false, 5, null, null, null, null, null, null),
        new NewStep(id, workflow, "undo", List.of(), true, false, 5, null, null, null, null, null, null));
    List<NewEvent> events = List.of(new NewEvent(id, 1, "RUN_QUEUED", null), new NewEvent(id, 2, "STEP_QUEUED", "a"),
        new NewEvent(id, 3, "STEP_QUEUED", "b"));
    NewRun run = new NewRun(id, workflow, "{\"b\": [1, 2], \"a\": \"x\"}", "{\"team\":\"blue\"}", null, 5, 3, null,
        "fp-1", null, null, null, NOW.plus(1, ChronoUnit.HOURS),
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    return new Rows(run, steps, events);
  }

  /** {@code run} with an idempotency key, run-level keys or stickiness (null: none). */
  private static NewRun variant(NewRun run, String idempotencyKey, List<Long> flowKeys, String sticky) {
    return new NewRun(run.id(), run.workflowName(), run.inputJson(), run.metadataJson(), idempotencyKey,
        run.priority(), run.eventCount(), null, run.fingerprint(), flowKeys, sticky, null, run.deadlineAt(),
        run.traceParent());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The leased steps of a run, without what differs between two runs (ids). */
  private static List<List<Object>> leased(InsertedRuns inserted, UUID run) {
    return inserted.leased().stream().filter(step -> step.runId().equals(run))
        .map(step -> List.<Object>of(step.workflowName(), step.stepName(), step.attempt(), step.failures(),
            step.queuedAt(), step.startedAt(), step.inputJson(), step.metadataJson(), step.traceParent()))
        .toList();
  }

  /** A table's rows of one run, every column as text but ids, with times relative to the statement's now. */
  private static List<List<String>> table(Connection connection, String table, UUID run) throws SQLException {
    String key = table.equals("runs") ? "id" : "run_id";
    String order = table.equals("events") ? "seq" : "id";
    return table(connection, run, "SELECT * FROM %s." + table + " WHERE " + key + " = ? ORDER BY " + order);
  }

  private static List<List<String>> table(Connection connection, UUID run, String query)
      throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (var statement = connection.prepareStatement(query.formatted(schema))) {
      statement.setObject(1, run);
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int column = 1; column <= meta.getColumnCount(); column++) {
            String name = meta.getColumnName(column);
            if (!name.equals("id") && !name.equals("run_id")) {
              Object value = rs.getObject(column);
              row.add(name + "=" + (value instanceof Timestamp
                  ? "now+" + ChronoUnit.MICROS.between(NOW, rs.getObject(column, OffsetDateTime.class)) + "us"
                  : String.valueOf(value)));
            }
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
