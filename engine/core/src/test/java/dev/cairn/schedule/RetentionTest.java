package dev.cairn.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.BulkResult;
import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.ChildHandle;
import dev.cairn.DefinitionException;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.Workflows;
import dev.cairn.client.CairnClient;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Retention: the maintenance loop deletes exactly the finished runs older than their workflow's period (with their
 * steps, events and child runs) and never an unfinished run, a run with an unfinished child, or a child on its own;
 * on-demand deletion of one run and by filter; periods set by the API, declared in code and refused when bad.
 */
class RetentionTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @Workflow(name = "brief", retention = "1h")
  static final class Brief {
    @Step
    int pass(Integer n) {
      return n;
    }
  }

  @Workflow(name = "plain")
  static final class Plain {
    @Step
    int pass(Integer n) {
      return n;
    }
  }

  @Workflow(name = "keeper")
  static final class Keeper {
    @Step
    int pass(Integer n) {
      return n;
    }
  }

  /** Sleeps for years: an unfinished run (its step WAITING, holding no lease the clock could expire). */
  @Workflow(name = "sleeper")
  static final class Sleeper {
    @Step
    int nap(Integer n, StepContext ctx) {
      ctx.sleep(Duration.ofDays(3000));
      return n;
    }
  }

  /** Starts two children; "awaits" waits for them, otherwise the parent finishes and leaves them running. */
  @Workflow(name = "family")
  static final class Family {
    @Step
    int start(String childWorkflow, StepContext ctx) {
      List<ChildHandle> children = new ArrayList<>();
      children.add(ctx.startChild(childWorkflow, "a", 1));
      children.add(ctx.startChild(childWorkflow, "b", 2));
      if (childWorkflow.equals("plain")) {
        ctx.awaitChildren(children, Integer.class);
      }
      return children.size();
    }
  }

  @Test
  void theLoopDeletesExactlyTheFinishedRunsPastTheirWorkflowsPeriod() {
    String schema = TestDatabase.newSchema();
    ManualClock clock = new ManualClock(START);
    try (Cairn cairn = TestEngines.builder(schema).clock(clock).retention(Duration.ofDays(1))
        .register(new Brief(), new Plain(), new Keeper(), new Sleeper(), new Family()).build()) {
      cairn.start();
      cairn.workflows().setRetention("keeper", Workflows.KEEP_FOREVER);
      List<UUID> brief = ids(cairn.triggerAll("brief", List.of(1, 2, 3), TriggerOptions.NONE));
      List<UUID> plain = ids(cairn.triggerAll("plain", List.of(4, 5), TriggerOptions.NONE));
      List<UUID> keeper = ids(cairn.triggerAll("keeper", List.of(6), TriggerOptions.NONE));
      UUID asleep = cairn.trigger("sleeper", 7).id();
      UUID familyDone = cairn.trigger("family", "plain").id(); // finished, with two finished children
      UUID familyLeft = cairn.trigger("family", "sleeper").id(); // finished, its two children still asleep
      for (UUID run : concat(brief, plain, keeper, List.of(familyDone, familyLeft))) {
        assertTrue(cairn.await(run, WAIT).status().isFinal());
      }
      Await.until("the sleepers sleep", WAIT, () -> count(schema, "sleeper", "RUNNING") == 3);
      long before = runs(schema);
      assertEquals(3 + 2 + 1 + 1 + 3 + 3, before, "13 runs: two families of three");

      clock.advance(Duration.ofHours(2)); // past "brief"'s own hour, not the default day
      Await.until("brief's runs are deleted", WAIT, () -> count(schema, "brief", null) == 0);
      assertEquals(before - 3, runs(schema), "only brief's runs went");
      assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE run_id IN ("
          + quoted(brief) + ")"), "their steps went with them");
      assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".events WHERE run_id IN ("
          + quoted(brief) + ")"), "and their events");

      clock.advance(Duration.ofDays(2)); // past the default day
      Await.until("plain's runs and the finished family are deleted", WAIT,
          () -> count(schema, "plain", null) == 0 && !exists(schema, familyDone));
      // One more full round after that, to show what stays stays (a round that found nothing to do ends quickly).
      awaitRounds(schema, clock);
      for (String table : List.of("steps", "events")) {
        assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + "." + table + " x WHERE NOT EXISTS"
            + " (SELECT 1 FROM " + schema + ".runs r WHERE r.id = x.run_id)"), "no " + table + " outlive their run");
      }
      assertTrue(exists(schema, keeper.get(0)), "keeper keeps its runs forever");
      assertTrue(exists(schema, asleep), "an unfinished run is never deleted");
      assertTrue(exists(schema, familyLeft), "a finished run with unfinished children is kept, and so are they");
      assertEquals(2, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs WHERE parent_run_id = '"
          + familyLeft + "'"));
      assertEquals(1 + 1 + 1 + 2, runs(schema));

      // The children finish: once the tree is finished and old enough, it goes whole.
      cairn.cancelAll(RunQuery.builder().workflow("sleeper").build());
      clock.advance(Duration.ofDays(2));
      Await.until("the finished tree and the cancelled sleeper are deleted", WAIT,
          () -> !exists(schema, familyLeft) && !exists(schema, asleep));
      assertEquals(1, runs(schema), "the keeper's run is all that is left");

      // Back to the default: the keeper's run goes too.
      assertTrue(cairn.workflows().clearRetention("keeper"));
      assertFalse(cairn.workflows().clearRetention("keeper"), "nothing left to clear");
      Await.until("the keeper's run is deleted", WAIT, () -> runs(schema) == 0);
    }
  }

  @Test
  void deletingOnDemandTakesFinishedRunsAndRefusesTheRest() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).retention(Workflows.KEEP_FOREVER)
        .register(new Plain(), new Sleeper(), new Family()).build()) {
      cairn.start();
      UUID done = cairn.trigger("plain", 1).id();
      cairn.await(done, WAIT);
      UUID asleep = cairn.trigger("sleeper", 2).id();
      UUID family = cairn.trigger("family", "sleeper").id();
      cairn.await(family, WAIT);
      Await.until("the sleepers sleep", WAIT, () -> count(schema, "sleeper", "RUNNING") == 3);
      UUID child = UUID.fromString(TestDatabase.queryText("SELECT id FROM " + schema + ".runs WHERE parent_run_id = '"
          + family + "' LIMIT 1"));

      cairn.delete(done);
      assertFalse(exists(schema, done));
      CairnException gone = assertThrows(CairnException.class, () -> cairn.delete(done));
      assertTrue(gone.getMessage().contains("no run with id " + done), gone.getMessage());

      IllegalStateException running = assertThrows(IllegalStateException.class, () -> cairn.delete(asleep));
      assertTrue(running.getMessage().contains("is RUNNING: only a finished run can be deleted"),
          running.getMessage());
      IllegalStateException parentOfRunning = assertThrows(IllegalStateException.class, () -> cairn.delete(family));
      assertTrue(parentOfRunning.getMessage().contains("one of its child runs is unfinished"),
          parentOfRunning.getMessage());
      assertTrue(exists(schema, asleep) && exists(schema, family) && exists(schema, child), "nothing was deleted");

      // A finished child of a finished parent can go on its own; by filter, what is finished goes.
      cairn.cancel(child);
      cairn.delete(child);
      assertFalse(exists(schema, child));
      assertTrue(exists(schema, family));

      List<UUID> batch = ids(cairn.triggerAll("plain", List.of(1, 2, 3, 4, 5),
          TriggerOptions.builder().metadata("batch", "x").build()));
      batch.forEach(run -> cairn.await(run, WAIT));
      cairn.trigger("plain", 6, TriggerOptions.builder().metadata("batch", "y").build()).result(WAIT);
      assertEquals(new BulkResult(5, 5), cairn.deleteAll(RunQuery.builder().metadata("batch", "x").build()));
      assertEquals(new BulkResult(0, 0), cairn.deleteAll(RunQuery.builder().metadata("batch", "x").build()),
          "a repeat finds nothing");
      assertEquals(1, count(schema, "plain", null), "the other batch is left");
      assertEquals(new BulkResult(1, 0), cairn.deleteAll(RunQuery.builder().workflow("family").build()),
          "matched but kept: a child is still asleep");
      assertEquals(new BulkResult(0, 0), cairn.deleteAll(RunQuery.builder().workflow("sleeper")
          .status(RunStatus.RUNNING).build()), "unfinished runs are never matched");
      IllegalArgumentException everything = assertThrows(IllegalArgumentException.class,
          () -> cairn.deleteAll(RunQuery.builder().build()));
      assertTrue(everything.getMessage().contains("the filter is empty"), everything.getMessage());
    }
  }

  @Test
  void periodsAreSetListedAndRefusedWhenBadOrDeclared() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(new Brief(), new Plain()).build()) {
      cairn.start();
      Workflows workflows = cairn.workflows();
      assertEquals(Map.of("brief", Duration.ofHours(1)), workflows.retentions(), "the declared period is stored");
      IllegalStateException declared = assertThrows(IllegalStateException.class,
          () -> workflows.setRetention("brief", Duration.ofDays(3)));
      assertTrue(declared.getMessage().contains("declares its retention in its code"), declared.getMessage());
      assertThrows(IllegalStateException.class, () -> workflows.clearRetention("brief"));

      workflows.setRetention("plain", Duration.ofDays(7));
      workflows.setRetention("plain", Duration.ofDays(8));
      assertEquals(Duration.ofDays(8), workflows.retentions().get("plain"), "set twice: the last wins");
      for (Duration bad : new Duration[] {Duration.ofSeconds(59), Duration.ZERO, Duration.ofDays(-1),
          Duration.ofDays(36_501), null}) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> workflows.setRetention("plain", bad), String.valueOf(bad));
        assertTrue(refused.getMessage().startsWith("retention "), refused.getMessage());
      }
      IllegalArgumentException badName = assertThrows(IllegalArgumentException.class,
          () -> workflows.setRetention("no such\0name", Duration.ofDays(1)));
      assertTrue(badName.getMessage().startsWith("workflowName"), badName.getMessage());
      assertEquals(Duration.ofDays(8), workflows.retentions().get("plain"), "refusals changed nothing");

      NewToken token = cairn.tokens().create("retention", Role.CLIENT, null);
      try (Cairn served = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").build()) {
        served.start();
        try (CairnClient client = CairnClient.builder("127.0.0.1:" + served.grpcPort()).token(token.secret())
            .build()) {
          client.workflows().setRetention("remote-only", Workflows.KEEP_FOREVER);
          assertEquals(Map.of("brief", Duration.ofHours(1), "plain", Duration.ofDays(8), "remote-only",
              Workflows.KEEP_FOREVER), client.workflows().retentions());
          assertTrue(client.workflows().clearRetention("remote-only"));
          CairnException tooShort = assertThrows(CairnException.class,
              () -> client.workflows().setRetention("plain", Duration.ofSeconds(1)));
          assertTrue(tooShort.getMessage().startsWith("INVALID_ARGUMENT: retention_ms"), tooShort.getMessage());
          CairnException owned = assertThrows(CairnException.class,
              () -> client.workflows().setRetention("brief", Duration.ofDays(1)));
          assertTrue(owned.getMessage().startsWith("FAILED_PRECONDITION: workflow_name: workflow brief declares"),
              owned.getMessage());

          UUID run = cairn.trigger("plain", 1).id();
          cairn.await(run, WAIT);
          client.delete(run);
          assertFalse(exists(schema, run));
          CairnException gone = assertThrows(CairnException.class, () -> client.delete(run));
          assertTrue(gone.getMessage().startsWith("NOT_FOUND"), gone.getMessage());
          cairn.trigger("plain", 2, TriggerOptions.builder().metadata("m", "1").build()).result(WAIT);
          assertEquals(new BulkResult(1, 1), client.deleteAll(RunQuery.builder().metadata("m", "1").build()));
        }
      }
    }
  }

  @Workflow(name = "bad-retention", retention = "30 days")
  static final class BadRetention {
    @Step
    int pass(Integer n) {
      return n;
    }
  }

  @Test
  void aDeclaredPeriodMustBeAPeriod() {
    DefinitionException bad = assertThrows(DefinitionException.class,
        () -> TestEngines.builder().register(new BadRetention()).build().close());
    assertTrue(bad.getMessage().contains("@Workflow(retention)"), bad.getMessage());
    assertTrue(bad.getMessage().contains("is not a duration"), bad.getMessage());
  }

  /** Waits for two more rounds of the retention loop: its rounds run every 12 sweep intervals. */
  private static void awaitRounds(String schema, ManualClock clock) {
    // A probe run finished long before the cutoff is deleted by the next round; two probes prove a full round.
    for (int i = 0; i < 2; i++) {
      String probe = "retention-probe-" + i;
      TestDatabase.execute("INSERT INTO " + schema + ".runs (id, workflow_name, status, created_at, finished_at)"
          + " VALUES ('" + UUID.randomUUID() + "', '" + probe + "', 'SUCCEEDED', '2000-01-01', '2000-01-01')");
      Await.until("a round deletes " + probe, WAIT, () -> count(schema, probe, null) == 0);
    }
  }

  private static List<UUID> ids(List<RunHandle<Object>> handles) {
    return handles.stream().map(RunHandle::id).toList();
  }

  @SafeVarargs
  private static List<UUID> concat(List<UUID>... lists) {
    List<UUID> all = new ArrayList<>();
    for (List<UUID> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  private static String quoted(List<UUID> ids) {
    return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
  }

  private static boolean exists(String schema, UUID run) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs WHERE id = '" + run + "'") == 1;
  }

  private static long runs(String schema) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs");
  }

  private static long count(String schema, String workflow, String status) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs WHERE workflow_name = '" + workflow
        + "'" + (status == null ? "" : " AND status = '" + status + "'"));
  }
}
