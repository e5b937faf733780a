package dev.cairn.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The statements that look up steps or runs by id and test their status are planned through the primary key, never
 * through the index of leases or of unfinished runs (V016): the engine caches generic plans, and one that scanned such
 * an index read every entry it gathered since the last vacuum (75 and 122 pages after a Bench pass, against 2). The
 * statements that look for leases or unfinished runs as such can use those indexes.
 */
class LookupPlansTest {
  private static String schema;

  @BeforeAll
  static void migrate() {
    schema = TestDatabase.newSchema();
    CairnSchema.migrate(TestDatabase.dataSource(), schema);
  }

  static Stream<String> lookupsById() {
    return Stream.of("stepCompleteAll", "stepCompleteAndEndAll", "stepFailAll", "stepRetryAll", "stepSuspendAll",
        "stepReleaseLeaseAll", "stepIsHeld", "stepOpCount", "stepOpRecord", "runFinishAll", "runInsertAll",
        "runLockAll", "stepCompleteAndEndOne");
  }

  @ParameterizedTest
  @MethodSource("lookupsById")
  void lookupsByIdNeverScanTheIndexesOfLeasesOrUnfinishedRuns(String name) throws SQLException {
    String plan = genericPlan(name, false);
    assertFalse(plan.contains("steps_leases"), name + " plans a scan of steps_leases:\n" + plan);
    assertFalse(plan.contains("runs_unfinished"), name + " plans a scan of runs_unfinished:\n" + plan);
  }

  static Stream<String[]> findersAndTheirIndexes() {
    return Stream.of(new String[] {"stepFindExpiredLeases", "steps_leases"},
        new String[] {"stepFindHeldBy", "steps_leases"},
        new String[] {"runCountUnfinishedByDefinition", "runs_unfinished"},
        new String[] {"runFindUnfinishedWithoutActiveSteps", "runs_unfinished"});
  }

  @ParameterizedTest
  @MethodSource("findersAndTheirIndexes")
  void findersOfLeasesAndUnfinishedRunsCanUseTheirIndexes(String name, String index) throws SQLException {
    // With sequential scans ruled out the planner takes an index if one applies: this one must.
    String plan = genericPlan(name, true);
    assertTrue(plan.contains(index), name + " cannot use " + index + ":\n" + plan);
  }

  /** The generic plan of the statement: the one made for all parameters, which the engine caches. */
  private static String genericPlan(String name, boolean withoutSequentialScans) throws SQLException {
    String sql = DirectStatement.parse(Sql.named(name).replace("<schema>", schema)).sql();
    StringBuilder numbered = new StringBuilder();
    int n = 0;
    for (char c : sql.toCharArray()) {
      numbered.append(c == '?' ? "$" + ++n : String.valueOf(c));
    }
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET enable_seqscan = " + !withoutSequentialScans);
      statement.execute("SET plan_cache_mode = force_generic_plan");
      statement.execute("PREPARE looked_at AS " + numbered);
      StringBuilder plan = new StringBuilder();
      String nulls = n == 0 ? "" : "(" + String.join(", ", Collections.nCopies(n, "NULL")) + ")";
      try (ResultSet rs = statement.executeQuery("EXPLAIN EXECUTE looked_at" + nulls)) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      statement.execute("DEALLOCATE looked_at");
      return plan.toString();
    }
  }
}
