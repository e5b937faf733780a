package dev.cairn.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.Effects;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a node inside the local fast path: its transaction (a trigger's, or the completion of a run's first step)
 * leased the next step to its own slots and committed, and the process dies before that step's body begins. The
 * database proves the lease was taken in that same transaction (the lease's start and the trigger's or the
 * completion's time are one transaction timestamp); a survivor takes the steps back when their leases run out and
 * finishes every run, and no step body runs twice.
 */
class FastPathCrashTest {
  private static final int RUNS = 4;

  @ParameterizedTest(name = "killed holding {0}")
  @ValueSource(strings = {"first", "second"})
  void aNodeKilledAfterLeasingOnTheFastPathLosesNothing(String held) throws Exception {
    String schema = TestDatabase.newSchema();
    String url = TestDatabase.jdbcUrl();
    try (Cairn migrate = TestEngines.builder(schema).register(new CrashWorkflow(url, schema, false)).build()) {
      Effects.createTable(schema); // the builder migrated the schema
    }
    try (ChildJvm child = ChildJvm.start(FastPathChild.class, url, schema, held, String.valueOf(RUNS))) {
      Await.until("every run's " + held + " step is leased to the child", Duration.ofSeconds(60),
          () -> leasedToChild(schema, held) == RUNS || !child.isAlive());
      assertEquals(RUNS, leasedToChild(schema, held), child.output());
      child.kill9();
    }
    String leasedWith = held.equals("first")
        ? "SELECT count(*) FROM " + schema + ".steps s JOIN " + schema + ".runs r ON r.id = s.run_id"
            + " WHERE s.step_name = 'first' AND s.started_at = r.created_at"
        : "SELECT count(*) FROM " + schema + ".steps s JOIN " + schema + ".steps f ON f.run_id = s.run_id"
            + " AND f.step_name = 'first' WHERE s.step_name = 'second' AND s.started_at = f.finished_at";
    assertEquals(RUNS, TestDatabase.queryLong(leasedWith),
        held + " was leased in the transaction that made it claimable: " + TestDatabase.queryText(
            "SELECT string_agg(s.step_name || ' ' || s.status || ' ' || coalesce(s.started_at::text, '-') || ' '"
            + " || coalesce(s.finished_at::text, '-') || ' ' || r.created_at, '; ') FROM " + schema + ".steps s JOIN "
            + schema + ".runs r ON r.id = s.run_id"));
    assertEquals(0, Effects.count(schema, held), "the killed child never began a held step's body");

    List<UUID> runs = Arrays.stream(TestDatabase.queryText("SELECT string_agg(id::text, ',') FROM " + schema
        + ".runs").split(",")).map(UUID::fromString).toList();
    try (Cairn survivor = TestEngines.builder(schema).nodeId("survivor")
        .register(new CrashWorkflow(url, schema, false)).build()) {
      survivor.start();
      for (UUID run : runs) {
        assertEquals("result " + 10 * (runNumber(schema, run) + 1), survivor.result(run, String.class,
            Duration.ofSeconds(60)));
      }
    }
    for (String step : List.of("first", "second", "third")) {
      assertEquals(RUNS, Effects.count(schema, step), step + " ran exactly once per run");
    }
    assertEquals(RUNS, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE step_name = '"
        + held + "' AND lease_expiries = 1 AND worker_id = 'survivor'"), "the survivor ran the held steps");
  }

  private static long leasedToChild(String schema, String step) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE step_name = '" + step
        + "' AND status = 'RUNNING' AND worker_id = 'doomed-child'");
  }

  private static int runNumber(String schema, UUID run) {
    return (int) TestDatabase.queryLong("SELECT input::int FROM " + schema + ".runs WHERE id = '" + run + "'");
  }
}
