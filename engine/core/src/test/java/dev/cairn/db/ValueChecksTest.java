package dev.cairn.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The values of runs and steps that are checked (V017: by domains, not table constraints) are refused outside their
 * rules, on insert and on update, with the domain named; the values the engine writes are accepted.
 */
class ValueChecksTest {
  private static final String RUN = "'00000000-0000-0000-0000-000000000001'";
  private static String schema;

  @BeforeAll
  static void migrate() throws SQLException {
    schema = TestDatabase.newSchema();
    CairnSchema.migrate(TestDatabase.dataSource(), schema);
    execute("INSERT INTO %s.runs (id, workflow_name, status) VALUES (" + RUN + ", 'w', 'QUEUED')");
    execute("INSERT INTO %s.steps (run_id, workflow_name, step_name, parent_names, pending_parents, status)"
        + " VALUES (" + RUN + ", 'w', 's', '{}', 0, 'PENDING')");
  }

  static Stream<Arguments> refused() {
    String longTrace = "'" + "0".repeat(257) + "'";
    return Stream.of(
        Arguments.of("run_status", "INSERT INTO %s.runs (id, workflow_name, status)"
            + " VALUES ('00000000-0000-0000-0000-000000000002', 'w', 'DONE')"),
        Arguments.of("run_status", "UPDATE %s.runs SET status = 'queued'"),
        Arguments.of("run_status", "UPDATE %s.runs SET status = 'PENDING'"),
        Arguments.of("run_sticky", "UPDATE %s.runs SET sticky = 'FIRM'"),
        Arguments.of("trace_parent", "UPDATE %s.runs SET trace_parent = " + longTrace),
        Arguments.of("step_status", "INSERT INTO %s.steps (run_id, workflow_name, step_name, parent_names,"
            + " pending_parents, status)"
            + " VALUES (" + RUN + ", 'w', 't', '{}', 0, 'STARTED')"),
        Arguments.of("step_status", "UPDATE %s.steps SET status = 'RUNNING ' "),
        Arguments.of("step_status", "UPDATE %s.steps SET status = 'running'"),
        Arguments.of("step_wait_kind", "UPDATE %s.steps SET wait_kind = 'TIMER'"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refused")
  void aValueOutsideItsRulesIsRefusedWithTheDomainNamed(String domain, String sql) {
    SQLException refused = assertThrows(SQLException.class, () -> execute(sql));
    assertEquals("23514", refused.getSQLState(), refused.getMessage()); // check_violation
    assertTrue(refused.getMessage().contains("domain " + schema + "." + domain + " "), refused.getMessage());
  }

  static Stream<String> accepted() {
    return Stream.of(
        "UPDATE %s.runs SET status = 'RUNNING', sticky = 'HARD', trace_parent = '" + "0".repeat(256) + "'",
        "UPDATE %s.runs SET status = 'CANCELLED', sticky = NULL, trace_parent = NULL",
        "UPDATE %s.steps SET status = 'WAITING', wait_kind = 'EVENT'",
        "UPDATE %s.steps SET status = 'SKIPPED', wait_kind = NULL");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void theValuesTheEngineWritesAreAccepted(String sql) throws SQLException {
    assertEquals(1, execute(sql));
  }

  private static int execute(String sql) throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql.formatted(schema));
    }
  }
}
