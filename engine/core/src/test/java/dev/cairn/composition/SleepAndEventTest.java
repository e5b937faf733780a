package dev.cairn.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.RunEvent;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.StepStatus;
import dev.cairn.Workflow;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SleepAndEventTest {
  record Approval(String by, boolean approved) {}

  @Workflow(name = "napper")
  static final class Napper {
    final AtomicInteger invocations = new AtomicInteger();

    @Step
    int nap(Integer days, StepContext ctx) {
      invocations.incrementAndGet();
      ctx.sleep(Duration.ofDays(days));
      return invocations.get();
    }
  }

  @Workflow(name = "approval")
  static final class ApprovalWorkflow {
    @Step
    String decide(String requestId, StepContext ctx) {
      Optional<Approval> approval = ctx.waitForEvent("approval:" + requestId, Duration.ofSeconds(3), Approval.class);
      return approval.map(a -> (a.approved() ? "approved by " : "rejected by ") + a.by()).orElse("timed out");
    }
  }

  @Test
  void durableSleepHoldsNoSlotSurvivesARestartAndEndsExactlyWhenDue() {
    String schema = TestDatabase.newSchema();
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    Napper first = new Napper();
    RunHandle<?> run;
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(1).clock(new ManualClock(start)).register(first)
        .build()) {
      cairn.start();
      run = cairn.trigger("napper", 3);
      Await.until("the step sleeps", Duration.ofSeconds(10),
          () -> cairn.getRun(run.id()).step("nap").orElseThrow().status() == StepStatus.WAITING);
      assertEquals(1, first.invocations.get());
    }
    Napper second = new Napper();
    ManualClock later = new ManualClock(start.plus(Duration.ofDays(2)));
    try (Cairn cairn = TestEngines.builder(schema).workerSlots(1).clock(later).register(second).build()) {
      cairn.start();
      assertEquals(RunStatus.RUNNING, cairn.getRun(run.id()).status(), "two days in, the step still sleeps");
      later.advance(Duration.ofDays(1));
      RunView view = cairn.await(run.id(), Duration.ofSeconds(30));
      assertEquals(RunStatus.SUCCEEDED, view.status());
      assertEquals(start.plus(Duration.ofDays(3)), view.finishedAt(), "woke when due by the engine's clock");
      assertEquals(1, second.invocations.get(), "resumed once on the new engine");
      List<String> types = cairn.events(run.id(), 0, 100).stream().map(RunEvent::type).toList();
      assertTrue(types.contains("STEP_WAITING"), types.toString());
    }
  }

  @Test
  void waitForEventCompletesOnPush() {
    try (Cairn cairn = TestEngines.builder().register(new ApprovalWorkflow()).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("approval", "r1");
      Await.until("the step waits", Duration.ofSeconds(10),
          () -> cairn.getRun(run.id()).step("decide").orElseThrow().status() == StepStatus.WAITING);
      cairn.pushEvent("approval:r1", new Approval("marcus", true));
      assertEquals("approved by marcus", run.result(String.class, Duration.ofSeconds(10)));
    }
  }

  @Test
  void waitForEventTimesOutWithoutOne() {
    try (Cairn cairn = TestEngines.builder().register(new ApprovalWorkflow()).build()) {
      cairn.start();
      cairn.pushEvent("approval:other", new Approval("elena", true));
      long start = System.nanoTime();
      assertEquals("timed out", cairn.trigger("approval", "r2").result(String.class, Duration.ofSeconds(20)));
      assertTrue((System.nanoTime() - start) / 1_000_000 >= 3000);
    }
  }

  @Test
  void eventPushedBeforeTheWaitIsRegisteredIsNotLost() {
    try (Cairn cairn = TestEngines.builder().register(new ApprovalWorkflow()).build()) {
      cairn.pushEvent("approval:r3", new Approval("priya", false));
      cairn.start();
      assertEquals("rejected by priya",
          cairn.trigger("approval", "r3").result(String.class, Duration.ofSeconds(10)));
    }
  }

  @Test
  void eventOlderThanTheLookbackDoesNotCount() {
    try (Cairn cairn = TestEngines.builder().eventLookback(Duration.ZERO).register(new ApprovalWorkflow()).build()) {
      cairn.pushEvent("approval:r4", new Approval("priya", true));
      cairn.start();
      assertEquals("timed out", cairn.trigger("approval", "r4").result(String.class, Duration.ofSeconds(20)));
    }
  }
}
