package dev.cairn.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Concurrency;
import dev.cairn.RateLimit;
import dev.cairn.RunEvent;
import dev.cairn.RunHandle;
import dev.cairn.Step;
import dev.cairn.StepView;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestEngines;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A step held back by a limit says so: in its view, once in its run's log, and in the blocked-steps meter. */
class BlockedVisibilityTest {
  @Workflow(name = "single-file")
  static final class SingleFile {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Step
    @Concurrency(max = 1)
    String only(Integer n) throws InterruptedException {
      if (n == 1) {
        started.countDown();
        release.await(30, TimeUnit.SECONDS);
      }
      return "done " + n;
    }
  }

  @Workflow(name = "slow-api")
  static final class SlowApi {
    @Step
    @RateLimit(name = "slow")
    String only(Integer n) {
      return "called " + n;
    }
  }

  @Test
  void aStepWaitingForAFullKeyShowsWhyOnceAndRunsWhenItsTurnComes() throws InterruptedException {
    SingleFile workflow = new SingleFile();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (Cairn cairn = TestEngines.builder().meterRegistry(meters).register(workflow).build()) {
      cairn.start();
      RunHandle<?> first = cairn.trigger(SingleFile.class, 1);
      assertTrue(workflow.started.await(30, TimeUnit.SECONDS));
      RunHandle<?> second = cairn.trigger(SingleFile.class, 2);
      Await.until("the second step says why it waits", Duration.ofSeconds(30),
          () -> reason(second) != null);
      assertEquals("waiting for concurrency limit step:single-file.only#0: 1 of 1 held", reason(second));
      workflow.release.countDown();
      assertEquals("done 2", second.result(String.class, Duration.ofSeconds(30)));
      assertNull(reason(second), "the reason goes once the step runs");
      List<RunEvent> queued = second.events(0, 100).stream()
          .filter(event -> event.type().equals("STEP_CONCURRENCY_QUEUED")).toList();
      assertEquals(1, queued.size(), "one event per waiting episode");
      assertTrue(queued.get(0).payloadJson().contains("\"rule\": \"step:single-file.only#0\""),
          queued.get(0).payloadJson());
      assertEquals(1.0, meters.counter("cairn.steps.blocked", "kind", "concurrency", "rule",
          "step:single-file.only#0").count());
      assertEquals("done 1", first.result(String.class, Duration.ofSeconds(30)));
    }
  }

  @Test
  void aStepWaitingForRateUnitsIsShownAsThrottled() {
    try (Cairn cairn = TestEngines.builder().register(new SlowApi()).build()) {
      cairn.start();
      cairn.rateLimits().set("slow", 1, Duration.ofSeconds(3));
      RunHandle<?> first = cairn.trigger(SlowApi.class, 1);
      RunHandle<?> second = cairn.trigger(SlowApi.class, 2);
      assertEquals("called 1", first.result(String.class, Duration.ofSeconds(30)));
      assertEquals("called 2", second.result(String.class, Duration.ofSeconds(30)));
      RunEvent throttled = second.events(0, 100).stream().filter(event -> event.type().equals("STEP_THROTTLED"))
          .findFirst().orElseThrow(() -> new AssertionError("no STEP_THROTTLED in " + second.events(0, 100)));
      assertTrue(throttled.payloadJson().contains("throttled by rate limit slow: 1 units per PT3S"),
          throttled.payloadJson());
    }
  }

  @Workflow(name = "roomy-api")
  static final class RoomyApi {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Step
    @RateLimit(name = "roomy")
    String only(Integer n) throws InterruptedException {
      if (n == 1) {
        started.countDown();
        release.await(30, TimeUnit.SECONDS);
      }
      return "called " + n;
    }
  }

  /**
   * A step behind a rate limit with units to spare waits for a slot, and is not said to be throttled. Two slots,
   * both busy; a roomy-api step waits for a slot, then a single-file step for its full key: once the sweep has
   * shown the later one's reason, it has looked at the earlier one too (it goes in id order).
   */
  @Test
  void aStepWaitingForASlotIsNotCalledThrottled() throws InterruptedException {
    RoomyApi roomy = new RoomyApi();
    SingleFile single = new SingleFile();
    try (Cairn cairn = TestEngines.builder().workerSlots(2).register(roomy, single).build()) {
      cairn.start();
      cairn.rateLimits().set("roomy", 1000, Duration.ofSeconds(1));
      RunHandle<?> roomyFirst = cairn.trigger(RoomyApi.class, 1);
      RunHandle<?> singleFirst = cairn.trigger(SingleFile.class, 1);
      assertTrue(roomy.started.await(30, TimeUnit.SECONDS) && single.started.await(30, TimeUnit.SECONDS));
      RunHandle<?> roomySecond = cairn.trigger(RoomyApi.class, 2);
      RunHandle<?> singleSecond = cairn.trigger(SingleFile.class, 2);
      Await.until("the full key is shown", Duration.ofSeconds(30), () -> reason(singleSecond) != null);
      assertNull(roomySecond.get().step("only").orElseThrow().blockedReason());
      roomy.release.countDown();
      single.release.countDown();
      for (RunHandle<?> run : List.of(roomyFirst, singleFirst, roomySecond, singleSecond)) {
        run.result(String.class, Duration.ofSeconds(30));
      }
      assertTrue(roomySecond.events(0, 100).stream().noneMatch(event -> event.type().equals("STEP_THROTTLED")),
          roomySecond.events(0, 100).toString());
    }
  }

  private static String reason(RunHandle<?> run) {
    return run.get().step("only").map(StepView::blockedReason).orElse(null);
  }
}
