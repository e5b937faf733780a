package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeoutTest {
  @Workflow(name = "slow-then-fast")
  static final class SlowThenFast {
    final AtomicBoolean firstAttemptInterrupted = new AtomicBoolean();
    final AtomicInteger attempts = new AtomicInteger();

    @Step(timeout = "300ms", retries = 1, backoff = "10ms")
    String work(StepContext ctx) {
      attempts.incrementAndGet();
      if (ctx.attempt() == 1) {
        try {
          Thread.sleep(20_000);
        } catch (InterruptedException e) {
          firstAttemptInterrupted.set(true);
          Thread.currentThread().interrupt();
        }
        return "too late";
      }
      return "fast";
    }
  }

  @Workflow(name = "extender")
  static final class Extender {
    @Step(timeout = "300ms")
    String work(StepContext ctx) throws InterruptedException {
      ctx.extendTimeout(Duration.ofSeconds(5));
      Thread.sleep(600);
      return "finished after extending";
    }
  }

  @Workflow(name = "blocker")
  static final class Blocker {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);

    @Step(timeout = "30s")
    String hold() throws InterruptedException {
      started.countDown();
      release.await(30, TimeUnit.SECONDS);
      return "held";
    }
  }

  /** Two steps that wait until interrupted, one with a long timeout, one with a short one. */
  @Workflow(name = "long-wait")
  static final class LongWait {
    final CountDownLatch started = new CountDownLatch(1);

    @Step(timeout = "10m")
    String work() throws InterruptedException {
      started.countDown();
      new CountDownLatch(1).await();
      return "never";
    }
  }

  @Workflow(name = "short-wait")
  static final class ShortWait {
    final CountDownLatch started = new CountDownLatch(1);

    @Step(timeout = "1m")
    String work() throws InterruptedException {
      started.countDown();
      new CountDownLatch(1).await();
      return "never";
    }
  }

  @Workflow(name = "impatient")
  static final class Impatient {
    final AtomicInteger runs = new AtomicInteger();

    @Step(scheduleTimeout = "300ms")
    String work() {
      runs.incrementAndGet();
      return "ran";
    }
  }

  @Test
  void executionTimeoutInterruptsTheAttemptAndRetries() {
    SlowThenFast workflow = new SlowThenFast();
    try (Cairn cairn = TestEngines.builder().register(workflow).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger(SlowThenFast.class, null);
      assertEquals("fast", run.result(String.class, Duration.ofSeconds(30)));
      assertTrue(workflow.firstAttemptInterrupted.get(), "the timed-out attempt was interrupted");
      assertEquals(2, workflow.attempts.get());
      List<RunEvent> events = cairn.events(run.id(), 0, 100);
      RunEvent timedOut = events.stream().filter(e -> e.type().equals("STEP_TIMED_OUT")).findFirst().orElseThrow();
      assertEquals(1, timedOut.attempt());
      assertTrue(timedOut.payloadJson().contains("StepTimeoutException"), timedOut.payloadJson());
    }
  }

  @Test
  void eachAttemptTimesOutAtItsOwnDeadlineWhateverTheOrderTheyStarted() throws Exception {
    // One timer serves all deadlines: an earlier deadline that starts after a later one must still come first.
    // Leases outlast the clock's jumps: an expired lease would hand the step back (a new attempt) before it times out.
    ManualClock clock = new ManualClock(Instant.parse("2026-12-03T12:00:00Z"));
    LongWait longWait = new LongWait();
    ShortWait shortWait = new ShortWait();
    try (Cairn cairn = TestEngines.builder().clock(clock).leaseDuration(Duration.ofHours(1))
        .register(longWait, shortWait).build()) {
      cairn.start();
      RunHandle<?> slow = cairn.trigger(LongWait.class, null);
      assertTrue(longWait.started.await(30, TimeUnit.SECONDS));
      RunHandle<?> quick = cairn.trigger(ShortWait.class, null);
      assertTrue(shortWait.started.await(30, TimeUnit.SECONDS));

      clock.advance(Duration.ofMinutes(1));
      assertEquals(RunStatus.FAILED, quick.await(Duration.ofSeconds(30)).status());
      assertEquals(RunStatus.RUNNING, slow.get().status());

      clock.advance(Duration.ofMinutes(9));
      RunView ended = slow.await(Duration.ofSeconds(30));
      assertEquals(RunStatus.FAILED, ended.status());
      assertTrue(ended.error().contains("timed out after 600000 ms"), ended.error());
    }
  }

  @Test
  void stepCanExtendItsOwnTimeout() {
    try (Cairn cairn = TestEngines.builder().register(new Extender()).build()) {
      cairn.start();
      assertEquals("finished after extending",
          cairn.trigger(Extender.class, null).result(String.class, Duration.ofSeconds(30)));
    }
  }

  @Test
  void scheduleTimeoutFailsAStepThatNeverGotASlot() throws Exception {
    Blocker blocker = new Blocker();
    Impatient impatient = new Impatient();
    try (Cairn cairn = TestEngines.builder().workerSlots(1).register(blocker, impatient).build()) {
      // The blocker is queued before the node starts, so the one claim that sees the slot free is the one that takes
      // it. Triggered after the start, the blocker went to the slot by the trigger's fast path while the dispatcher's
      // first round, which had counted the slot free, could still be claiming: on a loaded machine that claim took
      // the impatient step (into the slot's backlog, RUNNING, where no schedule timeout applies).
      RunHandle<?> held = cairn.trigger(Blocker.class, null);
      cairn.start();
      assertTrue(blocker.started.await(30, TimeUnit.SECONDS));
      RunHandle<?> starved = cairn.trigger(Impatient.class, null);
      RunView view = starved.await(Duration.ofSeconds(30));
      assertEquals(RunStatus.FAILED, view.status());
      assertTrue(view.error().contains("schedule timeout"), view.error());
      assertEquals(0, impatient.runs.get());
      blocker.release.countDown();
      assertEquals(RunStatus.SUCCEEDED, held.await(Duration.ofSeconds(30)).status());
      Await.until("the slot stays unused by the failed step", Duration.ofSeconds(1), () -> impatient.runs.get() == 0);
    }
  }
}
