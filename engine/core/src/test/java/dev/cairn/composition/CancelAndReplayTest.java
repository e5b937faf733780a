package dev.cairn.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CancelResult;
import dev.cairn.ChildSpec;
import dev.cairn.Parent;
import dev.cairn.RunHandle;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.StepStatus;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancelAndReplayTest {
  /** root → (spin ‖ parentOfChildren ‖ napper) → join. */
  @Workflow(name = "cancellable")
  static final class Cancellable {
    final CountDownLatch spinning = new CountDownLatch(1);
    final AtomicBoolean interrupted = new AtomicBoolean();

    @Step
    String root() {
      return "root";
    }

    @Step(parents = "root", timeout = "1h")
    String spin() {
      spinning.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.set(true);
        Thread.currentThread().interrupt();
      }
      return "spun";
    }

    @Step(parents = "root")
    List<String> children(StepContext ctx) {
      return ctx.runChildren("slow-child", List.of(ChildSpec.of("c1", "a"), ChildSpec.of("c2", "b")), String.class);
    }

    @Step(parents = "root")
    String napper(StepContext ctx) {
      ctx.sleep(Duration.ofMinutes(10));
      return "rested";
    }

    @Step(parents = {"spin", "children", "napper"})
    String join() {
      return "joined";
    }
  }

  @Workflow(name = "slow-child")
  static final class SlowChild {
    @Step
    String waitLong(String input, StepContext ctx) {
      ctx.sleep(Duration.ofMinutes(10));
      return input;
    }
  }

  /** a → (b ‖ c) → d; c fails while {@code failing} is set. */
  @Workflow(name = "branches")
  static final class Branches {
    final AtomicInteger aRuns = new AtomicInteger();
    final AtomicInteger bRuns = new AtomicInteger();
    final AtomicInteger cRuns = new AtomicInteger();
    final AtomicInteger dRuns = new AtomicInteger();
    volatile boolean failing = true;
    private final String version;

    Branches(String version) {
      this.version = version;
    }

    @Step
    int a() {
      aRuns.incrementAndGet();
      return 1;
    }

    @Step(parents = "a")
    int b(@Parent("a") int a) {
      bRuns.incrementAndGet();
      return a + 10;
    }

    @Step(parents = "a")
    int c(@Parent("a") int a) {
      cRuns.incrementAndGet();
      if (failing) {
        throw new IllegalStateException("c is broken in " + version);
      }
      return a + 100;
    }

    @Step(parents = {"b", "c"})
    String d(@Parent("b") int b, @Parent("c") int c) {
      dRuns.incrementAndGet();
      return version + ":" + (b + c);
    }
  }

  @Test
  void cancelStopsRunningWaitingAndQueuedStepsAndChildren() throws Exception {
    String schema = TestDatabase.newSchema();
    Cancellable workflow = new Cancellable();
    try (Cairn cairn = TestEngines.builder(schema).register(workflow, new SlowChild()).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("cancellable", null);
      assertTrue(workflow.spinning.await(30, TimeUnit.SECONDS));
      Await.until("children and sleep are waiting", Duration.ofSeconds(30), () -> {
        RunView view = cairn.getRun(run.id());
        return view.step("children").orElseThrow().status() == StepStatus.WAITING
            && view.step("napper").orElseThrow().status() == StepStatus.WAITING
            && cairn.listRuns(RunQuery.builder().workflow("slow-child").build()).runs().stream()
                .filter(child -> child.status() == RunStatus.RUNNING).count() == 2;
      });

      assertEquals(CancelResult.CANCELLED, cairn.cancel(run.id()));
      RunView view = cairn.getRun(run.id());
      assertEquals(RunStatus.CANCELLED, view.status());
      for (String step : List.of("spin", "children", "napper", "join")) {
        assertEquals(StepStatus.CANCELLED, view.step(step).orElseThrow().status(), step);
      }
      assertEquals(StepStatus.SUCCEEDED, view.step("root").orElseThrow().status());
      List<RunSummary> children = cairn.listRuns(RunQuery.builder().workflow("slow-child").build()).runs();
      assertEquals(2, children.size());
      children.forEach(child -> assertEquals(RunStatus.CANCELLED, child.status()));
      children.forEach(child -> assertEquals(run.id(), child.parentRunId()));
      Await.until("the running attempt is interrupted", Duration.ofSeconds(10), workflow.interrupted::get);

      assertEquals(CancelResult.ALREADY_FINISHED, cairn.cancel(run.id()));
      assertEquals(RunStatus.CANCELLED, cairn.getRun(run.id()).status());
      assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE status IN"
          + " ('QUEUED', 'RUNNING', 'WAITING')"));
    }
  }

  @Test
  void cancellingAFinishedRunChangesNothing() {
    Branches branches = new Branches("v1");
    branches.failing = false;
    try (Cairn cairn = TestEngines.builder().register(branches).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("branches", null);
      assertEquals("v1:112", run.result(String.class, Duration.ofSeconds(30)));
      long events = cairn.events(run.id(), 0, 1000).size();
      assertEquals(CancelResult.ALREADY_FINISHED, cairn.cancel(run.id()));
      assertEquals(RunStatus.SUCCEEDED, cairn.getRun(run.id()).status());
      assertEquals(events, cairn.events(run.id(), 0, 1000).size());
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> cairn.replay(run.id()));
      assertEquals("run " + run.id() + " is SUCCEEDED: only a failed or cancelled run can be replayed",
          refused.getMessage());
    }
  }

  @Test
  void replayRerunsOnlyTheFailedBranch() {
    Branches branches = new Branches("v1");
    try (Cairn cairn = TestEngines.builder().register(branches).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("branches", null);
      RunView failed = run.await(Duration.ofSeconds(30));
      assertEquals(RunStatus.FAILED, failed.status());
      assertEquals(StepStatus.SKIPPED, failed.step("d").orElseThrow().status());
      Await.until("b finished", Duration.ofSeconds(10), () -> branches.bRuns.get() == 1);

      branches.failing = false;
      cairn.replay(run.id());
      assertEquals("v1:112", cairn.result(run.id(), String.class, Duration.ofSeconds(30)));
      assertEquals(1, branches.aRuns.get(), "a kept its checkpoint");
      assertEquals(1, branches.bRuns.get(), "b kept its checkpoint");
      assertEquals(2, branches.cRuns.get(), "c ran again");
      assertEquals(1, branches.dRuns.get(), "d ran once, after the replay");
      assertTrue(cairn.events(run.id(), 0, 1000).stream().anyMatch(e -> e.type().equals("RUN_REPLAYED")));
    }
  }

  @Test
  void replayAfterACodeChangeRunsTheNewCode() {
    String schema = TestDatabase.newSchema();
    RunHandle run;
    try (Cairn cairn = TestEngines.builder(schema).register(new Branches("v1")).build()) {
      cairn.start();
      run = cairn.trigger("branches", null);
      assertEquals(RunStatus.FAILED, run.await(Duration.ofSeconds(30)).status());
    }
    Branches fixed = new Branches("v2");
    fixed.failing = false;
    try (Cairn cairn = TestEngines.builder(schema).register(fixed).build()) {
      cairn.start();
      cairn.replay(run.id());
      assertEquals("v2:112", cairn.result(run.id(), String.class, Duration.ofSeconds(30)));
      assertEquals(0, fixed.aRuns.get());
      assertEquals(0, fixed.bRuns.get());
      assertEquals(1, fixed.cRuns.get());
    }
  }

  @Test
  void replayingACancelledRunResumesItsChildren() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(new QuickParent(), new QuickChild()).build()) {
      cairn.start();
      QuickChild.release = new CountDownLatch(1);
      RunHandle<?> run = cairn.trigger("quick-parent", null);
      Await.until("the child runs", Duration.ofSeconds(30), () -> QuickChild.started.get() >= 1);
      assertEquals(CancelResult.CANCELLED, cairn.cancel(run.id()));
      QuickChild.release.countDown();
      cairn.replay(run.id());
      assertEquals(List.of("CHILD"), cairn.result(run.id(), List.class, Duration.ofSeconds(30)));
      assertEquals(2, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"), "no second child");
    }
  }

  @Test
  void aLateCancelNotificationStopsOnlyTheAttemptItNames() {
    String schema = TestDatabase.newSchema();
    Held.release = new CountDownLatch(1);
    try (Cairn cairn = TestEngines.builder(schema).register(new Held()).build()) {
      cairn.start();
      RunHandle<?> replayed = cairn.trigger("held", "a");
      RunHandle<?> other = cairn.trigger("held", "b");
      Await.until("both hold", Duration.ofSeconds(30), () -> Held.started("a") == 1 && Held.started("b") == 1);
      assertEquals(CancelResult.CANCELLED, cairn.cancel(replayed.id()));
      Await.until("the cancelled attempt stopped", Duration.ofSeconds(30), () -> Held.interrupted.contains("a#1"));
      cairn.replay(replayed.id());
      Await.until("the replay holds in attempt 2", Duration.ofSeconds(30), () -> Held.started("a") == 2);
      long a = stepId(schema, replayed.id());
      long b = stepId(schema, other.id());
      // Delivered late, after the replay: the notification of attempt 1's cancel; then one naming b's attempt 1,
      // which this node stops (proof that both were read, in order).
      TestDatabase.execute("SELECT pg_notify('" + schema + "_cancels', '" + a + ":1'), pg_notify('" + schema
          + "_cancels', '" + b + ":1')");
      Await.until("the notification naming b's attempt stopped it", Duration.ofSeconds(30),
          () -> Held.interrupted.contains("b#1"));
      assertFalse(Held.interrupted.contains("a#2"), "attempt 2 of the replayed run was stopped by attempt 1's cancel");
      Held.release.countDown();
      assertEquals("a held", cairn.result(replayed.id(), String.class, Duration.ofSeconds(30)));
      cairn.cancel(other.id());
    } finally {
      Held.release.countDown();
    }
  }

  private static long stepId(String schema, java.util.UUID run) {
    return TestDatabase.queryLong("SELECT id FROM " + schema + ".steps WHERE run_id = '" + run + "'");
  }

  /** Holds until released; counts its attempts per input and which were interrupted ("input#attempt"). */
  @Workflow(name = "held")
  static final class Held {
    static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    static final Set<String> interrupted = ConcurrentHashMap.newKeySet();
    static volatile CountDownLatch release = new CountDownLatch(0);

    static int started(String input) {
      AtomicInteger count = attempts.get(input);
      return count == null ? 0 : count.get();
    }

    @Step(timeout = "1m")
    String hold(String input) {
      int attempt = attempts.computeIfAbsent(input, key -> new AtomicInteger()).incrementAndGet();
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        interrupted.add(input + "#" + attempt);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      return input + " held";
    }
  }

  @Workflow(name = "quick-parent")
  static final class QuickParent {
    @Step
    List<String> spawn(StepContext ctx) {
      return ctx.runChildren("quick-child", List.of(ChildSpec.of("only", "child")), String.class);
    }
  }

  @Workflow(name = "quick-child")
  static final class QuickChild {
    static final AtomicInteger started = new AtomicInteger();
    static volatile CountDownLatch release = new CountDownLatch(0);

    @Step(timeout = "1m")
    String work(String input) throws InterruptedException {
      started.incrementAndGet();
      release.await(30, TimeUnit.SECONDS);
      return input.toUpperCase();
    }
  }
}
