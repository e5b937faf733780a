package dev.cairn.internal.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.Cairn;
import dev.cairn.CairnTestAccess;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.db.AttemptRef;
import dev.cairn.db.DatabaseErrors;
import dev.cairn.db.EndedCompletion;
import dev.cairn.db.EventDraft;
import dev.cairn.db.LockedCompletion;
import dev.cairn.db.LockedRun;
import dev.cairn.db.Notification;
import dev.cairn.db.RunFinish;
import dev.cairn.db.StepChange;
import dev.cairn.db.StepResult;
import dev.cairn.db.Store;
import dev.cairn.db.StoreTx;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.testing.Await;
import dev.cairn.testing.RoundTripCounter;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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

  @Test
  void endingStatementEndsTheRunOfItsLastStepAndCommitsWithIt() {
    long second = secondStepRunning(run);
    EndedCompletion answer = store.inTransaction(tx -> {
      EndedCompletion ended = tx.runLockCompleteAndEndAll(List.of(run),
          List.of(new StepResult(new AttemptRef(second, run, 1, "h"), "2")));
      // Still inside the transaction's callback: another connection sees it all, and the run's lock is free.
      assertEquals("SUCCEEDED", runStatus());
      TestDatabase.execute("SELECT id FROM " + schema + ".runs WHERE id = '" + run + "' FOR UPDATE NOWAIT");
      return ended;
    });
    assertEquals(List.of(run), answer.ended());
    assertEquals(List.of(second), answer.completed().done().stream().map(StepChange::id).toList());
    assertEquals(1, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs WHERE id = '" + run + "'"
        + " AND finished_at IS NOT NULL AND error IS NULL AND last_event_seq = 4"));
    assertEquals(List.of("1 RUN_QUEUED", "2 STEP_QUEUED first", "3 STEP_SUCCEEDED second 1", "4 RUN_SUCCEEDED"),
        events(run));
  }

  @Test
  void endingStatementRefusesARunWithStepsLeftAndWritesNothing() {
    RuntimeException refused = assertThrows(RuntimeException.class, () -> store.inTransaction(
        tx -> tx.runLockCompleteAndEndAll(List.of(run), List.of(result()))));
    assertTrue(DatabaseErrors.isRunNotEnded(refused), refused.toString());
    assertEquals("RUNNING", runStatus());
    assertEquals("RUNNING", stepStatus("first"));
    assertEquals("PENDING", stepStatus("second"));
    assertEquals(List.of("1 RUN_QUEUED", "2 STEP_QUEUED first"), events(run));
  }

  @Test
  void endingStatementWritesNothingForAFencedResult() {
    long second = secondStepRunning(run);
    EndedCompletion answer = store.inTransaction(tx -> tx.runLockCompleteAndEndAll(List.of(run),
        List.of(new StepResult(new AttemptRef(second, run, 1, "another holder"), "2"))));
    assertTrue(answer.ended().isEmpty());
    assertTrue(answer.completed().done().isEmpty());
    assertEquals("RUNNING", runStatus());
    assertEquals("RUNNING", stepStatus("second"));
    assertEquals(List.of("1 RUN_QUEUED", "2 STEP_QUEUED first"), events(run));
  }

  @Test
  void endingStatementForOneStepWritesWhatTheBatchStatementWrites() {
    // One result goes through stepCompleteAndEndOne, two through stepCompleteAndEndAll.
    List<UUID> batch = cairn.triggerAll("pair", List.of(1, 1), TriggerOptions.NONE).stream()
        .map(RunHandle::id).toList();
    TestDatabase.execute("UPDATE " + schema + ".runs SET status = 'RUNNING'");
    long second = secondStepRunning(run);
    List<StepResult> results = batch.stream()
        .map(id -> new StepResult(new AttemptRef(secondStepRunning(id), id, 1, "h"), "{\"b\": 2, \"a\": [1]}"))
        .toList();
    EndedCompletion one = store.inTransaction(tx -> tx.runLockCompleteAndEndAll(List.of(run),
        List.of(new StepResult(new AttemptRef(second, run, 1, "h"), "{\"b\": 2, \"a\": [1]}"))));
    EndedCompletion both = store.inTransaction(tx -> tx.runLockCompleteAndEndAll(batch, results));
    assertEquals(List.of(run), one.ended());
    assertEquals(Set.copyOf(batch), Set.copyOf(both.ended()));
    assertEquals(List.of(List.of("second", "SUCCEEDED", 1)), changes(one));
    assertEquals(List.of(List.of("second", "SUCCEEDED", 1), List.of("second", "SUCCEEDED", 1)), changes(both));
    for (UUID other : batch) {
      assertEquals(events(other), events(run));
      for (String row : List.of(
          "SELECT concat_ws(' ', status, error, last_event_seq, finished_at IS NOT NULL) FROM %s.runs WHERE id = '%s'",
          // (The step completed: the setup left the first steps of the runs unlike one another.)
          "SELECT concat_ws(' ', step_name, status, attempt, output, error, lease_holder, lease_expires_at IS NULL,"
              + " finished_at IS NOT NULL) FROM %s.steps WHERE run_id = '%s' AND step_name = 'second'")) {
        assertEquals(TestDatabase.queryText(row.formatted(schema, run)),
            TestDatabase.queryText(row.formatted(schema, other)), row);
      }
    }
  }

  private static List<List<Object>> changes(EndedCompletion completion) {
    return completion.completed().done().stream()
        .map(change -> List.<Object>of(change.stepName(), change.status(), change.attempt())).toList();
  }

  @Test
  void completerWritesAnEndingSuccessAsTheGeneralPathDoes() {
    UUID other = cairn.triggerAll("pair", List.of(2), TriggerOptions.NONE).get(0).id();
    TestDatabase.execute("UPDATE " + schema + ".runs SET status = 'RUNNING' WHERE id = '" + other + "'");
    long second = secondStepRunning(run);
    long otherSecond = secondStepRunning(other);
    RecordedSignals signals = new RecordedSignals();
    Completer completer = completer(signals);
    try {
      assertTrue(completer.submitAndWait(new StepOutcome.Succeeded(new AttemptId(second, run, 1, "h"), "7", true),
          Duration.ofSeconds(30)));
      assertTrue(completer.submitAndWait(new StepOutcome.Succeeded(new AttemptId(otherSecond, other, 1, "h"), "7",
          false), Duration.ofSeconds(30)));
    } finally {
      completer.stop();
    }
    assertEquals(events(other), events(run));
    assertEquals(List.of("1 RUN_QUEUED", "2 STEP_QUEUED first", "3 STEP_SUCCEEDED second 1", "4 RUN_SUCCEEDED"),
        events(run));
    assertEquals(Map.of(run, RunStatus.SUCCEEDED, other, RunStatus.SUCCEEDED), signals.finished);
    // The waiter on this node gets the output without reading the run, on both paths.
    assertEquals(Map.of(run, "7", other, "7"), signals.outputs);
  }

  @Test
  void completerWritesTheGeneralWayWhenAnEndingSuccessLeavesStepsToRun() {
    RecordedSignals signals = new RecordedSignals();
    Completer completer = completer(signals);
    try {
      // "first" is not the last step of "pair": as if this node's definition had it wrong, the database refuses to
      // end the run, and the completer writes the success the general way, releasing "second".
      assertTrue(completer.submitAndWait(new StepOutcome.Succeeded(new AttemptId(firstStep, run, 1, "h"), "1", true),
          Duration.ofSeconds(30)));
    } finally {
      completer.stop();
    }
    assertEquals("RUNNING", runStatus());
    assertEquals("SUCCEEDED", stepStatus("first"));
    assertEquals("QUEUED", stepStatus("second"));
    assertEquals(List.of("1 RUN_QUEUED", "2 STEP_QUEUED first", "3 STEP_SUCCEEDED first 1", "4 STEP_QUEUED second"),
        events(run));
    assertTrue(signals.finished.isEmpty(), signals.finished.toString());
    assertEquals(1, signals.queued);
  }

  @Test
  void locksAndCompletionAreOneRoundTrip() {
    try (HikariDataSource connection = countedConnection()) {
      LockedCompletion answer = warmed(connection).inTransaction(tx -> {
        RoundTripCounter.reset();
        LockedCompletion completion = tx.runLockAllAndCompleteSteps(List.of(run), List.of(result()));
        assertEquals(1, RoundTripCounter.count(), "round trips");
        return completion;
      });
      assertEquals(1, answer.locked().size());
      assertEquals("second", answer.completed().children().get(0).stepName());
    }
  }

  @Test
  void eventLogStatementAndItsCommitAreOneRoundTrip() {
    try (HikariDataSource connection = countedConnection()) {
      warmed(connection).inTransaction(tx -> {
        tx.runLockAll(List.of(run));
        RoundTripCounter.reset();
        tx.eventAppendAllAndCommit(List.of(new EventDraft(run, 1, "STEP_PROGRESS", "first", 1, "{}")), List.of(),
            List.of(new Notification("cairn_round_trips_test", "")));
        return null;
      });
    }
    // Nothing after it: the driver found the transaction committed and sent no commit of its own.
    assertEquals(1, RoundTripCounter.count(), "round trips");
    assertEquals(1, TestDatabase.queryLong(
        "SELECT count(*) FROM " + schema + ".events WHERE run_id = '" + run + "' AND type = 'STEP_PROGRESS'"));
  }

  @Test
  void endingCompletionIsOneRoundTripWithItsLocksAndCommit() {
    long second = secondStepRunning(run);
    EndedCompletion answer;
    try (HikariDataSource connection = countedConnection()) {
      answer = warmed(connection).inTransaction(tx -> {
        RoundTripCounter.reset();
        return tx.runLockCompleteAndEndAll(List.of(run),
            List.of(new StepResult(new AttemptRef(second, run, 1, "h"), "2")));
      });
    }
    assertEquals(1, RoundTripCounter.count(), "round trips");
    assertEquals(List.of(run), answer.ended());
    assertEquals("SUCCEEDED", runStatus());
  }

  @Test
  void locksOfManyRunsAreSentBeforeTheCompletionThatCanBeLong() {
    List<UUID> runs = new ArrayList<>(List.of(run));
    runs.addAll(cairn.triggerAll("pair", IntStream.range(0, StoreTx.PIPELINED_LOCKS).boxed().toList(),
        TriggerOptions.NONE).stream().map(RunHandle::id).toList());
    TestDatabase.execute("UPDATE " + schema + ".runs SET status = 'RUNNING'");
    List<StepResult> results = runs.stream()
        .map(id -> new StepResult(new AttemptRef(secondStepRunning(id), id, 1, "h"), "2")).toList();
    try (HikariDataSource connection = countedConnection()) {
      Store store = warmed(connection);
      EndedCompletion answer = store.inTransaction(tx -> {
        RoundTripCounter.reset();
        return tx.runLockCompleteAndEndAll(runs, results);
      });
      assertEquals(2, RoundTripCounter.count(), "round trips");
      assertEquals(runs.size(), answer.locked().size());
      assertEquals(runs.size(), answer.ended().size());
      assertEquals(runs.size(), TestDatabase.queryLong(
          "SELECT count(*) FROM " + schema + ".runs WHERE status = 'SUCCEEDED' AND last_event_seq = 4"));

      LockedCompletion general = store.inTransaction(tx -> {
        RoundTripCounter.reset();
        LockedCompletion completion = tx.runLockAllAndCompleteSteps(runs, List.of());
        assertEquals(2, RoundTripCounter.count(), "round trips");
        return completion;
      });
      assertEquals(runs.size(), general.locked().size());
    }
  }

  /** One connection that counts its round trips ({@link RoundTripCounter}). */
  private static HikariDataSource countedConnection() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDatabase.jdbcUrl());
    config.setMaximumPoolSize(1);
    config.addDataSourceProperty("socketFactory", RoundTripCounter.class.getName());
    return new HikariDataSource(config);
  }

  /**
   * A store on {@code connection}, which has sent each shape of completion more often than the driver's prepare
   * threshold (locking and completing nothing): the driver sends a statement's first executions without knowing
   * the width of its answer, and only later as the engine's long-lived connections do.
   */
  private Store warmed(HikariDataSource connection) {
    Store store = new Store(connection, schema);
    List<UUID> many = IntStream.rangeClosed(0, StoreTx.PIPELINED_LOCKS).mapToObj(i -> UUID.randomUUID()).toList();
    for (int i = 0; i < 8; i++) {
      for (List<UUID> toLock : List.of(List.of(UUID.randomUUID()), many)) {
        store.inTransaction(tx -> tx.runLockAllAndCompleteSteps(toLock, List.of()));
        store.inTransaction(tx -> tx.runLockCompleteAndEndAll(toLock, List.of()));
      }
      store.inTransaction(tx -> {
        tx.eventAppendAllAndCommit(List.of(), List.of(), List.of());
        return null;
      });
    }
    return store;
  }

  @Test
  void onlyTheLastStepOfAWorkflowWithoutOnFailureStepOrFlowControlEndsIt() {
    WorkflowDefinition pair = CairnTestAccess.engine(cairn).registry().get("pair");
    assertTrue(pair.endsWith("second"));
    assertFalse(pair.endsWith("first"));
    assertFalse(pair.endsWith("no such step"));
  }

  /** Marks the run's first step succeeded and its second running in attempt 1 for holder "h"; returns its id. */
  private long secondStepRunning(UUID runId) {
    TestDatabase.execute("UPDATE " + schema + ".steps SET status = 'SUCCEEDED', attempt = 1, output = '1'"
        + " WHERE run_id = '" + runId + "' AND step_name = 'first'");
    TestDatabase.execute("UPDATE " + schema + ".steps SET status = 'RUNNING', attempt = 1, lease_holder = 'h',"
        + " pending_parents = 0 WHERE run_id = '" + runId + "' AND step_name = 'second'");
    return TestDatabase.queryLong(
        "SELECT id FROM " + schema + ".steps WHERE run_id = '" + runId + "' AND step_name = 'second'");
  }

  private Completer completer(RecordedSignals signals) {
    Completer completer = new Completer(store, new PayloadCodec(), 3, new Channels(schema, "test-node"), signals,
        CairnTestAccess.engine(cairn).registry()::get);
    completer.start();
    return completer;
  }

  /** The run's events as "seq type [step [attempt]]", in order. */
  private List<String> events(UUID runId) {
    return List.of(TestDatabase.queryText("SELECT string_agg(concat_ws(' ', seq, type, step_name, attempt), ','"
        + " ORDER BY seq) FROM " + schema + ".events WHERE run_id = '" + runId + "'").split(","));
  }

  private String stepStatus(String stepName) {
    return TestDatabase.queryText("SELECT status FROM " + schema + ".steps WHERE run_id = '" + run + "'"
        + " AND step_name = '" + stepName + "'");
  }

  /** What a completer signalled, for the assertions. */
  private static final class RecordedSignals implements CompletionSignals {
    final Map<UUID, RunStatus> finished = new ConcurrentHashMap<>();
    final Map<UUID, String> outputs = new ConcurrentHashMap<>();
    volatile int queued;

    @Override
    public void stepsQueued(int count, int leasedHere, long delayMillis) {
      queued += count;
    }

    @Override
    public void outcomesWritten(int count, Duration took) {}

    @Override
    public void keysReleased() {}

    @Override
    public void runsFinished(Map<UUID, RunStatus> runs, Map<UUID, String> workflowOfRun, Map<UUID, String> output) {
      finished.putAll(runs);
      outputs.putAll(output);
    }

    @Override
    public void leasesExpired(List<UUID> runIds) {}

    @Override
    public void stepsCancelled(Map<Long, Integer> attempts) {}

    @Override
    public void eventsAppended() {}

    @Override
    public void wakeAt(StepOutcome.Wake wake, Instant at) {}
  }

  private StepResult result() {
    return new StepResult(new AttemptRef(firstStep, run, 1, "h"), "1");
  }

  private String runStatus() {
    return TestDatabase.queryText("SELECT status FROM " + schema + ".runs WHERE id = '" + run + "'");
  }
}
