package dev.cairn.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.RunHandle;
import dev.cairn.TriggerOptions;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.Effects;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A real engine process is killed with SIGKILL while the second step of every run is in progress; a new engine
 * on the same database finishes every run without running a finished step again.
 */
class CrashRecoveryTest {
  private static final int RUNS = 5;

  @Test
  void killedEngineProcessLosesNothingAndReRunsNoFinishedStep() throws Exception {
    String schema = TestDatabase.newSchema();
    String url = TestDatabase.jdbcUrl();
    List<RunHandle<Object>> runs;
    try (Cairn client = TestEngines.builder(schema).register(new CrashWorkflow(url, schema, false)).build()) {
      Effects.createTable(schema);
      runs = client.triggerAll("crashable", IntStream.range(0, RUNS).boxed().toList(), TriggerOptions.NONE);
    }
    try (ChildJvm child = ChildJvm.start(CrashChild.class, url, schema)) {
      Await.until("every run's second step is in progress in the child", Duration.ofSeconds(60),
          () -> effects(schema, "second") == RUNS || !child.isAlive());
      assertEquals(RUNS, effects(schema, "second"), child.output());
      assertEquals(RUNS, TestDatabase.queryLong("SELECT count(*) FROM " + schema
          + ".steps WHERE step_name = 'second' AND status = 'RUNNING' AND worker_id = 'doomed-child'"));
      child.kill9();
    }

    try (Cairn survivor = TestEngines.builder(schema).nodeId("survivor")
        .register(new CrashWorkflow(url, schema, false)).build()) {
      survivor.start();
      for (RunHandle run : runs) {
        String result = survivor.result(run.id(), String.class, Duration.ofSeconds(60));
        assertEquals(true, result.startsWith("result "), result);
      }
    }
    assertEquals(RUNS, effects(schema, "first"), "the first step ran exactly once per run");
    assertEquals(RUNS * 2, effects(schema, "second"), "the interrupted step ran again, once");
    assertEquals(RUNS, effects(schema, "third"));
    assertEquals(RUNS * 3, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps"));
    assertEquals(RUNS * 3, TestDatabase.queryLong("SELECT count(*) FROM " + schema
        + ".events WHERE type = 'STEP_SUCCEEDED'"), "each checkpoint was stored once");
    assertEquals(RUNS, TestDatabase.queryLong("SELECT count(*) FROM " + schema
        + ".steps WHERE step_name = 'second' AND lease_expiries = 1 AND attempt = 2 AND worker_id = 'survivor'"));
    assertEquals(RUNS, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".effects WHERE step = 'first'"
        + " AND pid <> " + ProcessHandle.current().pid()), "the first steps all ran in the killed child");
  }

  private static long effects(String schema, String step) {
    return Effects.count(schema, step);
  }
}
