package dev.cairn.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Concurrency;
import dev.cairn.Parent;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Concurrency keys on runs and on steps: counted admission (never more holders than the limit, observed by the
 * step bodies themselves), every exit path giving the unit back (the counts return to zero), round robin across
 * keys, and the CANCEL_* strategies.
 */
class ConcurrencyKeysTest {
  record Order(String customer, int n) {}

  /** Counts how many bodies run at once, per key, and the highest count seen. */
  static final class Meter {
    final Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
    final List<String> starts = new CopyOnWriteArrayList<>();

    void enter(String key) {
      starts.add(key);
      int current = now.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      peak.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(current, Math::max);
    }

    void leave(String key) {
      now.get(key).decrementAndGet();
    }

    int peak(String key) {
      return peak.getOrDefault(key, new AtomicInteger()).get();
    }
  }

  static void work(long millis) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < until) {
      Thread.onSpinWait(); // a busy step: the meter must see it as running for a while
    }
  }

  @Workflow(name = "per-customer")
  @Concurrency(key = "{/customer}", max = 2)
  static final class PerCustomer {
    final Meter meter = new Meter();

    @Step
    Order first(Order order) {
      meter.enter(order.customer());
      work(15);
      return order;
    }

    @Step
    String second(@Parent("first") Order order) {
      work(15);
      meter.leave(order.customer());
      return order.customer() + "-" + order.n();
    }
  }

  @Workflow(name = "one-at-a-time")
  static final class OneAtATime {
    final Meter meter = new Meter();
    final AtomicInteger failures = new AtomicInteger();

    @Step(retries = 2, backoff = "10ms")
    @Concurrency(max = 1)
    int only(Integer n, StepContext ctx) {
      meter.enter("global");
      try {
        work(5);
        if (n % 3 == 0 && ctx.attempt() == 1) {
          failures.incrementAndGet();
          throw new IllegalStateException("flaky " + n);
        }
        return n;
      } finally {
        meter.leave("global");
      }
    }
  }

  @Test
  void runLevelKeysAdmitAtMostMaxRunsPerCustomerAndGiveEverythingBack() {
    PerCustomer workflow = new PerCustomer();
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(16).register(workflow).build()) {
      cairn.start();
      List<RunHandle<?>> runs = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        runs.add(cairn.trigger(PerCustomer.class, new Order("c" + (i % 3), i)));
      }
      for (RunHandle<?> run : runs) {
        assertEquals(RunStatus.SUCCEEDED, run.await(Duration.ofSeconds(60)).status());
      }
      for (int c = 0; c < 3; c++) {
        assertTrue(workflow.meter.peak("c" + c) <= 2, "customer c" + c + " peaked at " + workflow.meter.peak("c" + c));
      }
      assertTrue(workflow.meter.peak("c0") == 2, "the limit was reached, not just respected by luck");
      assertHoldersReturnToZero(schema);
    }
  }

  @Test
  void aStepLevelLimitOfOneHoldsAcrossFailuresAndRetries() {
    OneAtATime workflow = new OneAtATime();
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(8).register(workflow).build()) {
      cairn.start();
      List<RunHandle<Object>> runs = cairn.triggerAll("one-at-a-time",
          IntStream.range(0, 12).boxed().toList(), TriggerOptions.NONE);
      for (RunHandle<?> run : runs) {
        assertEquals(RunStatus.SUCCEEDED, run.await(Duration.ofSeconds(60)).status());
      }
      assertEquals(1, workflow.meter.peak("global"));
      assertEquals(4, workflow.failures.get(), "failed attempts gave their unit back and retried");
      assertHoldersReturnToZero(schema);
    }
  }

  @Workflow(name = "fair")
  @Concurrency(key = "{/customer}", max = 2)
  static final class Fair {
    final Meter meter = new Meter();

    @Step
    String only(Order order) {
      meter.enter(order.customer());
      work(10);
      meter.leave(order.customer());
      return order.customer();
    }
  }

  /**
   * The shape: 10 keys with {@code maxRuns = 2}; key "big" has 900 runs queued before the others' 10 each.
   * Keys are served in turn, so each small key's runs start after a few dozen of big's, not after 900; the wait of
   * the small keys' runs (queued to started, from the database) is printed.
   */
  @Test
  void aSmallKeyIsServedInTurnWithABigBacklogOfAnother() {
    Fair workflow = new Fair();
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(16).register(workflow).build()) {
      cairn.start();
      List<Object> big = new ArrayList<>();
      for (int i = 0; i < 900; i++) {
        big.add(new Order("big", i));
      }
      for (int from = 0; from < big.size(); from += 300) {
        cairn.triggerAll("fair", big.subList(from, from + 300), TriggerOptions.NONE);
      }
      List<Object> others = new ArrayList<>();
      for (int key = 1; key <= 9; key++) {
        for (int i = 0; i < 10; i++) {
          others.add(new Order("small-" + key, i));
        }
      }
      List<RunHandle<Object>> small = cairn.triggerAll("fair", others, TriggerOptions.NONE);
      for (RunHandle<?> run : small) {
        assertEquals(RunStatus.SUCCEEDED, run.await(Duration.ofSeconds(120)).status());
      }
      int bigStartedBeforeSmallDone = (int) workflow.meter.starts.stream().filter("big"::equals).count();
      System.out.println("fairness: the 90 runs of 9 small keys finished while big started " + bigStartedBeforeSmallDone
          + " of its 900; small runs' wait, queued to started: " + TestDatabase.queryText("SELECT 'p50 '"
          + " || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY w))::text || ' ms, max ' || round(max(w))::text"
          + " || ' ms' FROM (SELECT extract(epoch FROM s.started_at - s.queued_at) * 1000 AS w FROM " + schema
          + ".steps s JOIN " + schema + ".runs r ON r.id = s.run_id WHERE r.input ->> 'customer' LIKE 'small-%') x"));
      // Served in turn: 10 keys share 16 slots, so big gets about 2 of every 18 starts while small keys wait; in
      // FIFO order the small keys would wait for all 900.
      assertTrue(bigStartedBeforeSmallDone < 300, "the small keys waited behind " + bigStartedBeforeSmallDone
          + " starts of the big one");
      for (int key = 1; key <= 9; key++) {
        assertTrue(workflow.meter.peak("small-" + key) <= 2, "small-" + key + " over its limit");
      }
      assertTrue(workflow.meter.peak("big") <= 2);
    }
  }

  @Workflow(name = "newest-loses")
  @Concurrency(key = "{/customer}", max = 1, strategy = Concurrency.Strategy.CANCEL_NEWEST)
  static final class NewestLoses {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);

    @Step
    String only(Order order) throws InterruptedException {
      started.countDown();
      release.await(30, TimeUnit.SECONDS);
      return "done " + order.n();
    }
  }

  @Test
  void cancelNewestRefusesARunWhileItsKeyIsFull() throws InterruptedException {
    NewestLoses workflow = new NewestLoses();
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(workflow).build()) {
      cairn.start();
      RunHandle<?> first = cairn.trigger(NewestLoses.class, new Order("acme", 1));
      assertTrue(workflow.started.await(30, TimeUnit.SECONDS));
      RunHandle<?> second = cairn.trigger(NewestLoses.class, new Order("acme", 2));
      RunHandle<?> other = cairn.trigger(NewestLoses.class, new Order("zeta", 3));
      RunView refused = second.await(Duration.ofSeconds(30));
      assertEquals(RunStatus.CANCELLED, refused.status());
      assertTrue(refused.error().contains("newest") && refused.error().contains("run:newest-loses#0"),
          refused.error());
      assertEquals(0, refused.step("only").orElseThrow().attempts(), "never admitted");
      workflow.release.countDown();
      assertEquals("done 1", first.result(String.class, Duration.ofSeconds(30)));
      assertEquals("done 3", other.result(String.class, Duration.ofSeconds(30)), "another key is not affected");
      assertHoldersReturnToZero(schema);
    }
  }

  @Workflow(name = "latest-wins")
  @Concurrency(key = "{/customer}", max = 1, strategy = Concurrency.Strategy.CANCEL_IN_PROGRESS)
  static final class LatestWins {
    final CountDownLatch firstStarted = new CountDownLatch(1);

    @Step
    String only(Order order) throws InterruptedException {
      if (order.n() == 1) {
        firstStarted.countDown();
        Thread.sleep(60_000); // interrupted when its run is cancelled
      }
      return "done " + order.n();
    }
  }

  @Test
  void cancelInProgressReplacesTheRunningRunWithTheNewOne() throws InterruptedException {
    LatestWins workflow = new LatestWins();
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(workflow).build()) {
      cairn.start();
      RunHandle<?> first = cairn.trigger(LatestWins.class, new Order("acme", 1));
      assertTrue(workflow.firstStarted.await(30, TimeUnit.SECONDS));
      RunHandle<?> second = cairn.trigger(LatestWins.class, new Order("acme", 2));
      assertEquals("done 2", second.result(String.class, Duration.ofSeconds(30)));
      RunView replaced = first.await(Duration.ofSeconds(30));
      assertEquals(RunStatus.CANCELLED, replaced.status());
      assertTrue(replaced.error().contains("replaced by newer run " + second.id()), replaced.error());
      assertHoldersReturnToZero(schema);
    }
  }

  /** A trigger that repeats an idempotency key inserts nothing, so it replaces nothing either. */
  @Test
  void aRepeatedIdempotentTriggerDoesNotCancelTheRunItReturns() throws InterruptedException {
    LatestWins workflow = new LatestWins();
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(workflow).build()) {
      cairn.start();
      TriggerOptions once = TriggerOptions.builder().idempotencyKey("order-1").build();
      RunHandle<?> first = cairn.trigger(LatestWins.class, new Order("acme", 1), once);
      assertTrue(workflow.firstStarted.await(30, TimeUnit.SECONDS));
      RunHandle<?> again = cairn.trigger(LatestWins.class, new Order("acme", 1), once);
      assertEquals(first.id(), again.id());
      assertEquals(RunStatus.RUNNING, first.get().status(), "the run a redelivery returns is not replaced by it");
      RunHandle<?> newer = cairn.trigger(LatestWins.class, new Order("acme", 2));
      assertEquals("done 2", newer.result(String.class, Duration.ofSeconds(30)));
      assertEquals(RunStatus.CANCELLED, first.await(Duration.ofSeconds(30)).status());
      assertHoldersReturnToZero(schema);
    }
  }

  /**
   * Nodes meeting a key for the first time at the same instant all get its one id: the loser of the insert race
   * must find the winner's row (a statement whose snapshot predates it once read its id as 0, and runs queued behind
   * a key that does not exist forever).
   */
  @Workflow(name = "fresh-keys")
  @Concurrency(key = "{/customer}", max = 2)
  static final class FreshKeys {
    @Step
    String only(Order order) {
      return order.customer() + "-" + order.n();
    }
  }

  @Test
  void aKeyFirstUsedByManyNodesAtOnceGetsTheSameIdEverywhere() throws Exception {
    String schema = TestDatabase.newSchema();
    List<Cairn> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Cairn node = TestEngines.builder(schema).register(new FreshKeys()).build();
        node.start();
        nodes.add(node);
      }
      List<RunHandle<?>> runs = new CopyOnWriteArrayList<>();
      int threads = 6;
      for (int key = 0; key < 20; key++) {
        CyclicBarrier together = new CyclicBarrier(threads);
        String customer = "fresh-" + key;
        List<Thread> triggering = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Cairn node = nodes.get(t % nodes.size());
          int n = t;
          Thread thread = new Thread(() -> {
            try {
              together.await(10, TimeUnit.SECONDS);
              runs.add(node.trigger(FreshKeys.class, new Order(customer, n)));
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
          thread.start();
          triggering.add(thread);
        }
        for (Thread thread : triggering) {
          thread.join(TimeUnit.SECONDS.toMillis(30));
        }
      }
      assertEquals(20 * threads, runs.size());
      assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs r WHERE NOT EXISTS"
          + " (SELECT 1 FROM " + schema + ".flow_keys k WHERE k.id = ALL(r.flow_keys))"),
          "every run queues behind a key that exists");
      assertEquals(20, TestDatabase.queryLong("SELECT count(DISTINCT r.flow_keys[1]) FROM " + schema + ".runs r"));
      for (RunHandle<?> run : runs) {
        assertEquals(RunStatus.SUCCEEDED, run.await(Duration.ofSeconds(60)).status());
      }
    } finally {
      nodes.forEach(Cairn::close);
    }
  }

  /** Every key's holders, net of releases not folded in yet, are zero once nothing runs. */
  static void assertHoldersReturnToZero(String schema) {
    Await.until("every key's holders back to zero", Duration.ofSeconds(30), () -> TestDatabase.queryLong(
        "SELECT coalesce(sum(k.in_flight), 0) - (SELECT coalesce(sum(units), 0) FROM " + schema + ".flow_releases) "
            + "FROM " + schema + ".flow_keys k WHERE k.kind = 'CONCURRENCY'") == 0);
    assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE held_keys IS NOT NULL"));
    assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs WHERE held_keys IS NOT NULL"));
  }
}
