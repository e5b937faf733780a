package dev.cairn.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.RateLimit;
import dev.cairn.RateLimits;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Rate limits shared by every node on the database: no window of the period ever holds more units than the limit,
 * and a backlog runs at the limit (no idle seconds between windows, no polling).
 */
class RateLimitTest {
  record Call(String customer, int cost) {}

  @Workflow(name = "api-calls")
  static final class ApiCalls {
    @Step
    @RateLimit(name = "api")
    int call(Call call) {
      return call.cost();
    }
  }

  @Workflow(name = "per-customer-calls")
  static final class PerCustomerCalls {
    @Step
    @RateLimit(name = "per-customer", key = "{/customer}", units = "{/cost}", limit = 10, period = "1s")
    int call(Call call) {
      return call.cost();
    }
  }

  @Test
  void aStaticLimitHoldsAcrossThreeNodesAndRunsAtItsRate() throws Exception {
    String schema = TestDatabase.newSchema();
    List<Cairn> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Cairn node = TestEngines.builder(schema).workerSlots(16).register(new ApiCalls()).build();
        node.start();
        nodes.add(node);
      }
      nodes.get(0).rateLimits().set("api", 20, Duration.ofSeconds(1));
      assertEquals(new RateLimits.Limit("api", 20, Duration.ofSeconds(1)),
          nodes.get(1).rateLimits().get("api").orElseThrow(), "one limit, seen by every node");
      List<RunHandle<Object>> runs = nodes.get(0).triggerAll("api-calls",
          IntStream.range(0, 100).mapToObj(i -> new Call("c", 1)).toList(), TriggerOptions.NONE);
      for (RunHandle<?> run : runs) {
        assertEquals(RunStatus.SUCCEEDED, run.await(Duration.ofSeconds(60)).status());
      }
      List<Instant> starts = starts(schema, "api-calls");
      assertEquals(100, starts.size());
      assertTrue(maxInWindow(starts, Duration.ofSeconds(1)) <= 20, "a 1 s window held "
          + maxInWindow(starts, Duration.ofSeconds(1)) + " starts");
      double seconds = Duration.between(starts.get(0), starts.get(starts.size() - 1)).toMillis() / 1000.0 + 1;
      double rate = starts.size() / seconds;
      System.out.printf("rate limit 20/s over 3 nodes: %d starts in %.2f s of windows, %.1f/s%n", starts.size(),
          seconds, rate);
      // How close to the limit the rate runs is the benchmark's to measure (Bench's rate-limited phase): a floor here
      // would be a wall-clock bound, and it failed on loaded hosts (15.4/s at load average 6). What must hold is the
      // limit: 100 units at 20 a second need at least five windows.
      assertTrue(seconds >= 5, "100 starts in " + seconds + " s of windows: more than 20 in some second");
    } finally {
      nodes.forEach(Cairn::close);
    }
  }

  @Test
  void aDynamicLimitKeepsABudgetPerKeyAndTakesUnitsFromTheInput() throws Exception {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(16).register(new PerCustomerCalls()).build()) {
      cairn.start();
      List<Object> calls = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        calls.add(new Call("big", 5));   // 2 per second
        calls.add(new Call("small", 1)); // 10 per second
      }
      for (RunHandle<?> run : cairn.triggerAll("per-customer-calls", calls, TriggerOptions.NONE)) {
        assertEquals(RunStatus.SUCCEEDED, run.await(Duration.ofSeconds(60)).status());
      }
      List<Instant> big = starts(schema, "per-customer-calls", "big");
      List<Instant> small = starts(schema, "per-customer-calls", "small");
      assertTrue(maxInWindow(big, Duration.ofSeconds(1)) <= 2, "5-unit calls of one customer: at most 2 a second");
      assertTrue(maxInWindow(small, Duration.ofSeconds(1)) <= 10);
      assertTrue(Duration.between(small.get(0), small.get(11)).toMillis() < Duration.between(big.get(0), big.get(11))
          .toMillis(), "the small customer is not slowed by the big one");
      assertThrows(IllegalArgumentException.class, () -> cairn.rateLimits().set("api", 0, Duration.ofSeconds(1)));
      assertThrows(IllegalArgumentException.class, () -> cairn.rateLimits().set("api", 1, Duration.ofDays(2)));
    }
  }

  /** The most instants within any window of {@code width} (half open). */
  static int maxInWindow(List<Instant> sorted, Duration width) {
    int most = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (!sorted.get(from).plus(width).isAfter(sorted.get(to))) {
        from++;
      }
      most = Math.max(most, to - from + 1);
    }
    return most;
  }

  static List<Instant> starts(String schema, String workflow) throws Exception {
    return query("SELECT s.started_at FROM " + schema + ".steps s WHERE s.workflow_name = '" + workflow
        + "' ORDER BY s.started_at");
  }

  static List<Instant> starts(String schema, String workflow, String customer) throws Exception {
    return query("SELECT s.started_at FROM " + schema + ".steps s JOIN " + schema + ".runs r ON r.id = s.run_id "
        + "WHERE s.workflow_name = '" + workflow + "' AND r.input->>'customer' = '" + customer
        + "' ORDER BY s.started_at");
  }

  private static List<Instant> query(String sql) throws Exception {
    List<Instant> starts = new ArrayList<>();
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        starts.add(rows.getTimestamp(1).toInstant());
      }
    }
    return starts;
  }
}
