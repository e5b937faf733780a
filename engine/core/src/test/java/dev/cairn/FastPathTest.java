package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import dev.cairn.worker.CairnWorker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The local fast path, seen in the database: a step made claimable by a transaction of this node (a trigger, a
 * completion) is leased in that same transaction (its lease starts at the transaction's timestamp), and steps the
 * fast path could not take (no free slot) are still claimed by the dispatcher.
 */
class FastPathTest {
  @Workflow(name = "fast-chain")
  public static final class Chain {
    @Step
    int a(Integer input) {
      return input;
    }

    @Step(parents = "a")
    int b(@Parent("a") int value) {
      return value + 1;
    }
  }

  /** One step that waits at {@link #GATE}, so that many run at once. */
  @Workflow(name = "fast-gated")
  public static final class Gated {
    static final CountDownLatch GATE = new CountDownLatch(1);
    static final AtomicInteger ARRIVED = new AtomicInteger();

    @Step
    int only(Integer input) throws InterruptedException {
      ARRIVED.incrementAndGet();
      if (!GATE.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the gate never opened");
      }
      return input;
    }
  }

  @Test
  void aLoneStepsResultIsWrittenOnItsSlotsThreadAndManyAtOnceGoThroughTheCompleter() {
    String schema = TestDatabase.newSchema();
    Map<String, List<String>> writers = new ConcurrentHashMap<>();
    CairnListener threads = new CairnListener() {
      @Override
      public void stepSucceeded(String workflow, String step, Duration ranFor) {
        writers.computeIfAbsent(workflow, w -> new CopyOnWriteArrayList<>()).add(Thread.currentThread().getName());
      }
    };
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(8).listener(threads).register(new Chain(),
        new Gated()).build()) {
      cairn.start();
      for (int i = 0; i < 5; i++) {
        assertEquals(i + 1, cairn.trigger("fast-chain", i).result(Integer.class, Duration.ofSeconds(30)));
      }
      // Alone, a result is written by the thread that ran its step (the listener is told by the writer), unless a
      // write was still in progress (the one before, finishing after it told its waiter): most, not always all.
      Await.until("ten results written", Duration.ofSeconds(30),
          () -> writers.getOrDefault("fast-chain", List.of()).size() == 10);
      assertTrue(writers.get("fast-chain").stream().anyMatch(name -> name.startsWith("cairn-slot-")),
          writers.toString());
      List<RunHandle<Object>> gated = cairn.triggerAll("fast-gated", IntStream.range(0, 8).boxed().toList(),
          TriggerOptions.NONE);
      Await.until("eight steps running", Duration.ofSeconds(30), () -> Gated.ARRIVED.get() == 8);
      Gated.GATE.countDown();
      for (int i = 0; i < gated.size(); i++) {
        assertEquals(i, gated.get(i).result(Integer.class, Duration.ofSeconds(30)));
      }
      // Eight at once: each saw the others running (but the last, if all others were done) and left its result to
      // the completer's thread.
      Await.until("eight results written", Duration.ofSeconds(30),
          () -> writers.getOrDefault("fast-gated", List.of()).size() == 8);
      assertTrue(writers.get("fast-gated").stream().filter("cairn-completer"::equals).count() >= 7,
          writers.toString());
    }
  }

  @Test
  void triggerAndCompletionLeaseTheNextStepsInTheirOwnTransactions() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(new Chain()).build()) {
      cairn.start();
      for (int i = 0; i < 5; i++) {
        assertEquals(i + 1, cairn.trigger("fast-chain", i).result(Integer.class, Duration.ofSeconds(30)));
      }
    }
    assertEquals(5, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps s JOIN " + schema
        + ".runs r ON r.id = s.run_id WHERE s.step_name = 'a' AND s.started_at = r.created_at"),
        "each root step was leased in its trigger's transaction: " + timings(schema));
    assertEquals(5, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps s JOIN " + schema
        + ".steps p ON p.run_id = s.run_id AND p.step_name = 'a' WHERE s.step_name = 'b'"
        + " AND s.started_at = p.finished_at"), "each second step was leased in its parent's completion: "
        + timings(schema));
  }

  @Test
  void aTriggerInsertsItsRunStartedWithTheEventsAClaimWouldHaveAppended() {
    String schema = TestDatabase.newSchema();
    UUID id;
    try (Cairn cairn = TestEngines.builder(schema).register(new Chain()).build()) {
      cairn.start();
      RunHandle<Object> run = cairn.trigger("fast-chain", 1);
      id = run.id();
      assertEquals(2, run.result(Integer.class, Duration.ofSeconds(30)));
      List<RunEvent> events = cairn.events(id, 0, 100);
      assertEquals(List.of("RUN_QUEUED", "STEP_QUEUED a", "RUN_STARTED", "STEP_STARTED a 1"),
          events.subList(0, 4).stream().map(e -> (e.type() + (e.stepName() == null ? "" : " " + e.stepName())
              + (e.attempt() == null ? "" : " " + e.attempt()))).toList());
      assertEquals(List.of(1L, 2L, 3L, 4L), events.subList(0, 4).stream().map(RunEvent::seq).toList());
      assertTrue(events.get(3).payloadJson().contains("\"worker\""), events.get(3).payloadJson());
    }
    assertEquals(1, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs r WHERE r.id = '" + id
        + "' AND r.started_at = r.created_at AND r.last_event_seq = (SELECT max(seq) FROM " + schema
        + ".events e WHERE e.run_id = r.id)"), "started at its insert, its event count matching its log");
  }

  @Test
  void aWorkerConnectedToTheNodeGetsItsStepsLeasedInTheSameTransactions() {
    String schema = TestDatabase.newSchema();
    // No poll in between: only the fast path can lease (the dispatcher sleeps a minute unless woken).
    try (Cairn engine = TestEngines.builder(schema).pollInterval(Duration.ofMinutes(1)).grpcPort(0)
        .grpcHost("127.0.0.1").build()) {
      engine.start();
      NewToken token = engine.tokens().create("worker", Role.WORKER, null);
      try (CairnWorker worker = CairnWorker.builder("127.0.0.1:" + engine.grpcPort()).token(token.secret())
          .workerId("fast").slots(4).register(new Chain()).build()) {
        worker.start();
        Await.until("the worker registered", Duration.ofSeconds(30), worker::isRegistered);
        for (int i = 0; i < 5; i++) {
          assertEquals(i + 1, engine.trigger("fast-chain", i).result(Integer.class, Duration.ofSeconds(30)));
        }
      }
    }
    assertEquals(5, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps s JOIN " + schema
        + ".runs r ON r.id = s.run_id WHERE s.step_name = 'a' AND s.started_at = r.created_at"
        + " AND s.worker_id = 'fast'"), "each root step was leased to the worker in its trigger's transaction: "
        + timings(schema));
    assertEquals(5, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps s JOIN " + schema
        + ".steps p ON p.run_id = s.run_id AND p.step_name = 'a' WHERE s.step_name = 'b'"
        + " AND s.started_at = p.finished_at AND s.worker_id = 'fast'"),
        "each second step was leased to the worker in its parent's completion: " + timings(schema));
  }

  /** One run at a time: a run's completion gives the key back and admits and leases the next run's step. */
  @Workflow(name = "fast-keyed")
  @Concurrency(key = "global", max = 1)
  public static final class OneAtATime {
    @Step
    int only(Integer input) {
      return input;
    }
  }

  @Test
  void theCompletionThatFreesAKeyLeasesTheStepWaitingForIt() {
    String schema = TestDatabase.newSchema();
    // No poll in between: a dispatcher round that locks the next waiter while a completion admits it would take it
    // over (the fallback this test is not about).
    try (Cairn cairn = TestEngines.builder(schema).pollInterval(Duration.ofMinutes(1)).register(new OneAtATime())
        .build()) {
      cairn.start();
      List<RunHandle<Object>> runs = cairn.triggerAll("fast-keyed", IntStream.range(0, 6).boxed().toList(),
          TriggerOptions.NONE);
      for (int i = 0; i < runs.size(); i++) {
        assertEquals(i, runs.get(i).result(Integer.class, Duration.ofSeconds(30)));
      }
    }
    // Each run but the first started in the transaction that finished the run before it (one at a time, in order).
    assertEquals(5, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps s JOIN " + schema
        + ".steps p ON p.finished_at = s.started_at AND p.id < s.id"), timings(schema));
  }

  @Test
  void stepsTheFastPathCannotTakeAreClaimedByTheDispatcher() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(1).register(new Chain()).build()) {
      cairn.start();
      List<RunHandle<Object>> runs = cairn.triggerAll("fast-chain", IntStream.range(0, 40).boxed().toList(),
          TriggerOptions.NONE);
      for (int i = 0; i < runs.size(); i++) {
        assertEquals(i + 1, runs.get(i).result(Integer.class, Duration.ofSeconds(60)));
      }
    }
    assertEquals(80, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE status = 'SUCCEEDED'"
        + " AND attempt = 1"));
  }

  private static String timings(String schema) {
    return TestDatabase.queryText("SELECT string_agg(s.step_name || ' ' || coalesce(s.started_at::text, '-') || ' '"
        + " || coalesce(s.finished_at::text, '-') || ' run ' || r.created_at, '; ') FROM " + schema + ".steps s JOIN "
        + schema + ".runs r ON r.id = s.run_id");
  }
}
