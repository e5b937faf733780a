package dev.cairn.internal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Step;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A burst of triggers refreshes the planner's view of the queue and of the runs table by itself, cheaply: from small
 * samples. The engine is built but not started, so every step stays queued.
 */
class PlannerStatisticsTest {
  @Workflow(name = "bursty")
  static final class Bursty {
    @Step
    int only(int input) {
      return input;
    }
  }

  @Test
  void burstOfTriggersRefreshesTheStatisticsOfStepsAndRuns() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(new Bursty()).build()) {
      // Autovacuum would analyse the whole table if it came by meanwhile: the statistics must be the engine's.
      for (String table : List.of("steps", "runs")) {
        TestDatabase.execute("ALTER TABLE " + schema + "." + table + " SET (autovacuum_enabled = false)");
      }
      List<Integer> inputs = IntStream.range(0, 500).boxed().toList();
      for (int batch = 0; batch * inputs.size() < PlannerStatistics.THRESHOLD + 500; batch++) {
        cairn.triggerAll("bursty", inputs, TriggerOptions.NONE);
      }
      String table = "schemaname = '" + schema + "' AND relname = 'steps'";
      Await.until("an ANALYZE of the steps table", Duration.ofSeconds(30),
          () -> TestDatabase.queryLong("SELECT analyze_count FROM pg_stat_user_tables WHERE " + table) > 0);
      Await.until("the statistics committed", Duration.ofSeconds(30), () -> TestDatabase.queryLong(
          "SELECT count(*) FROM pg_stats WHERE schemaname = '" + schema + "' AND tablename = 'steps'"
              + " AND attname = 'status'") == 1);

      // Every step is queued, and the planner knows it: the estimate comes from the refreshed statistics.
      String mostCommon = TestDatabase.queryText("SELECT most_common_vals::text FROM pg_stats WHERE schemaname = '"
          + schema + "' AND tablename = 'steps' AND attname = 'status'");
      assertEquals("{QUEUED}", mostCommon);
      // From the small sample: a histogram of 10 buckets (11 bounds) where the default target would give 100.
      assertTrue(TestDatabase.queryLong("SELECT array_length(histogram_bounds, 1) FROM pg_stats WHERE schemaname = '"
          + schema + "' AND tablename = 'steps' AND attname = 'id'") <= 11);
      assertTrue(TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE status = 'QUEUED'")
          >= PlannerStatistics.THRESHOLD);

      // The runs table had none yet and grew past the threshold: analysed with the steps, from the small sample too.
      String runs = "schemaname = '" + schema + "' AND relname = 'runs'";
      Await.until("an ANALYZE of the runs table", Duration.ofSeconds(30),
          () -> TestDatabase.queryLong("SELECT analyze_count FROM pg_stat_user_tables WHERE " + runs) > 0);
      assertTrue(TestDatabase.queryLong("SELECT reltuples::bigint FROM pg_class WHERE oid = '" + schema
          + ".runs'::regclass") >= PlannerStatistics.THRESHOLD);
    }
  }
}
