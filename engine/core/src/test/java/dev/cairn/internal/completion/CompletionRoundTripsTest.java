package dev.cairn.internal.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Step;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.db.AttemptRef;
import dev.cairn.db.EventDraft;
import dev.cairn.db.LockedCompletion;
import dev.cairn.db.LockedRun;
import dev.cairn.db.Notification;
import dev.cairn.db.RunFinish;
import dev.cairn.db.StepResult;
import dev.cairn.db.Store;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statements a completion sends together keep the meaning they have sent one by one: the completion statement
 * sent with the run locks sees what an earlier holder of a lock committed, and the event log's statement that carries
 * the commit commits with it, or not at all when it fails. A run of a two-step workflow is set up by hand with its
 * first step RUNNING (the engine is built but not started, so nothing else touches it).
 */
class CompletionRoundTripsTest {
  @Workflow(name = "pair")
  static final class Pair {
    @Step
    int first(int input) {
      return input;
    }

    @Step(parents = "first")
    int second(int first) {
      return first;
    }
  }

  private String schema;
  private Cairn cairn;
  private Store store;
  private UUID run;
  private long firstStep;

  @BeforeEach
  void runWithItsFirstStepRunning() {
    schema = TestDatabase.newSchema();
    cairn = TestEngines.builder(schema).register(new Pair()).build();
    run = cairn.triggerAll("pair", List.of(1), TriggerOptions.NONE).get(0).id();
    TestDatabase.execute("UPDATE " + schema + ".runs SET status = 'RUNNING' WHERE id = '" + run + "'");
    TestDatabase.execute("UPDATE " + schema + ".steps SET status = 'RUNNING', attempt = 1, lease_holder = 'h'"
        + " WHERE run_id = '" + run + "' AND step_name = 'first'");
    firstStep = TestDatabase.queryLong(
        "SELECT id FROM " + schema + ".steps WHERE run_id = '" + run + "' AND step_name = 'first'");
    store = new Store(TestDatabase.dataSource(), schema);
  }

  @AfterEach
  void close() {
    cairn.close();
  }

  @Test
  void completionSentWithTheLocksSeesWhatTheLockHolderCommitted() throws Exception {
    try (Connection holder = TestDatabase.dataSource().getConnection(); Statement sql = holder.createStatement()) {
      holder.setAutoCommit(false);
      sql.execute("SELECT id FROM " + schema + ".runs WHERE id = '" + run + "' FOR UPDATE");
      sql.execute("UPDATE " + schema + ".runs SET status = 'CANCELLED' WHERE id = '" + run + "'");

      CompletableFuture<LockedCompletion> completion = CompletableFuture.supplyAsync(() -> store.inTransaction(
          tx -> tx.runLockAllAndCompleteSteps(List.of(run), List.of(result()))));
      Await.until("the completion waiting for the run's lock", Duration.ofSeconds(30), () -> TestDatabase.queryLong(
          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'"
              + " AND query LIKE '%" + schema + ".runs%'") == 1);
      holder.commit();

      LockedCompletion answer = completion.get(30, TimeUnit.SECONDS);
      List<LockedRun> locked = answer.locked();
      assertEquals(1, locked.size());
      assertEquals("CANCELLED", locked.get(0).status());
      // The cancelled run is not active: the checkpoint is taken, but no child is released and it is not settled,
      // which a statement with a snapshot from before the lock wait would have got wrong.
      assertEquals(1, answer.completed().done().size());
      assertTrue(answer.completed().children().isEmpty(), answer.completed().children().toString());
      assertTrue(answer.completed().settledRuns().isEmpty());
      assertEquals("PENDING", TestDatabase.queryText(
          "SELECT status FROM " + schema + ".steps WHERE run_id = '" + run + "' AND step_name = 'second'"));
    }
  }

  @Test
  void completionSentWithTheLocksReleasesTheChildrenOfAnActiveRun() {
    LockedCompletion answer = store.inTransaction(
        tx -> tx.runLockAllAndCompleteSteps(List.of(run), List.of(result())));
    assertEquals("RUNNING", answer.locked().get(0).status());
    assertEquals(1, answer.completed().done().size());
    assertEquals("second", answer.completed().children().get(0).stepName());
    assertEquals("QUEUED", TestDatabase.queryText(
        "SELECT status FROM " + schema + ".steps WHERE run_id = '" + run + "' AND step_name = 'second'"));
  }

  @Test
  void eventLogStatementCommitsTheTransactionWithIt() {
    store.inTransaction(tx -> {
      tx.runLockAll(List.of(run));
      tx.runFinishAll(List.of(new RunFinish(run, "FAILED", "by the test")));
      tx.eventAppendAllAndCommit(List.of(new EventDraft(run, 1, "RUN_FAILED", null, null, null)), List.of(),
          List.of(new Notification("cairn_round_trips_test", "")));
      // Still inside the transaction's callback: another connection sees it all, and the run's lock is free.
      assertEquals("FAILED", runStatus());
      assertEquals(1, TestDatabase.queryLong(
          "SELECT count(*) FROM " + schema + ".events WHERE run_id = '" + run + "' AND type = 'RUN_FAILED'"));
      TestDatabase.execute("SELECT id FROM " + schema + ".runs WHERE id = '" + run + "' FOR UPDATE NOWAIT");
      return null;
    });
    assertEquals("FAILED", runStatus());
  }

  @Test
  void eventLogStatementThatFailsCommitsNothing() {
    assertThrows(RuntimeException.class, () -> store.inTransaction(tx -> {
      tx.runLockAll(List.of(run));
      tx.runFinishAll(List.of(new RunFinish(run, "FAILED", "by the test")));
      // Not JSON: the statement fails, and PostgreSQL skips the commit sent after it.
      tx.eventAppendAllAndCommit(List.of(new EventDraft(run, 1, "RUN_FAILED", null, null, "{not json")), List.of(),
          List.of());
      return null;
    }));
    assertEquals("RUNNING", runStatus());
    assertEquals(0, TestDatabase.queryLong(
        "SELECT count(*) FROM " + schema + ".events WHERE run_id = '" + run + "' AND type = 'RUN_FAILED'"));
  }

  private StepResult result() {
    return new StepResult(new AttemptRef(firstStep, run, 1, "h"), "1");
  }

  private String runStatus() {
    return TestDatabase.queryText("SELECT status FROM " + schema + ".runs WHERE id = '" + run + "'");
  }
}
