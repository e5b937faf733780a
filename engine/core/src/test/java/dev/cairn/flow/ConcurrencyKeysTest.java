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

  @Test
  void aSmallKeyIsServedInTurnWithABigBacklogOfAnother() {
    Fair workflow = new Fair();
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(16).register(workflow).build()) {
      cairn.start();
      List<Object> big = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        big.add(new Order("big", i));
      }
      cairn.triggerAll("fair", big, TriggerOptions.NONE);
      List<RunHandle<Object>> small = cairn.triggerAll("fair",
          List.of(new Order("small", 0), new Order("small", 1), new Order("small", 2), new Order("small", 3),
              new Order("small", 4), new Order("small", 5)), TriggerOptions.NONE);
      for (RunHandle<?> run : small) {
        assertEquals(RunStatus.SUCCEEDED, run.await(Duration.ofSeconds(60)).status());
      }
      // Round robin: while "big" holds its 2 slots, "small" gets its 2; it does not wait for 150 runs.
      int bigStartedBeforeSmallDone = (int) workflow.meter.starts.stream().filter("big"::equals).count();
      assertTrue(bigStartedBeforeSmallDone < 40, "the small key waited behind " + bigStartedBeforeSmallDone
          + " starts of the big one");
      assertTrue(workflow.meter.peak("big") <= 2 && workflow.meter.peak("small") <= 2);
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

  /** Every key's holders, net of releases not folded in yet, are zero once nothing runs. */
  static void assertHoldersReturnToZero(String schema) {
    Await.until("every key's holders back to zero", Duration.ofSeconds(30), () -> TestDatabase.queryLong(
        "SELECT coalesce(sum(k.in_flight), 0) - (SELECT coalesce(sum(units), 0) FROM " + schema + ".flow_releases) "
            + "FROM " + schema + ".flow_keys k WHERE k.kind = 'CONCURRENCY'") == 0);
    assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE held_keys IS NOT NULL"));
    assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs WHERE held_keys IS NOT NULL"));
  }
}
