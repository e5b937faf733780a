package dev.cairn.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.StepStatus;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With skipping off, time moves only by hand: a test pushes an event before a wait times out, or lets it time out. */
class ManualTimeTest {
  @Workflow(name = "approval")
  static final class Approval {
    @Step
    String decide(String request, StepContext ctx) {
      return ctx.waitForEvent("approval-" + request, Duration.ofDays(2), String.class).orElse("expired");
    }
  }

  @RegisterExtension
  static final CairnExtension cairn = CairnExtension.builder().register(new Approval()).skipping(false).build();

  @Test
  void anEventPushedAfterADayIsReceivedAndAWaitLeftForThreeDaysTimesOut(Cairn engine, TestClock clock,
      CairnClient client) {
    RunHandle<?> approved = engine.trigger(Approval.class, "r-1");
    RunHandle<?> forgotten = engine.trigger(Approval.class, "r-2");
    awaitStep(approved, StepStatus.WAITING);
    awaitStep(forgotten, StepStatus.WAITING);

    clock.advance(Duration.ofDays(1));
    client.pushEvent("approval-r-1", "approved");
    assertEquals("approved", approved.result(String.class, Duration.ofSeconds(30)));
    assertEquals(RunStatus.RUNNING, forgotten.get().status(), "a day in, the other wait still runs");

    Instant before = clock.now();
    clock.advance(Duration.ofDays(2));
    assertEquals("expired", forgotten.result(String.class, Duration.ofSeconds(30)));
    assertEquals(before.plus(Duration.ofDays(2)), clock.now(), "no skipping: time moved only as told");
  }

  @Test
  void theClockNeverMovesBackwards(TestClock clock) {
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    Instant now = clock.now();
    clock.advanceTo(now.minusSeconds(60));
    assertEquals(now, clock.now());
    assertTrue(clock.toString().contains(now.toString()));
  }

  private static void awaitStep(RunHandle<?> run, StepStatus status) {
    Eventually.until("step decide " + status, Duration.ofSeconds(30),
        () -> run.get().step("decide").map(step -> step.status() == status).orElse(false));
  }
}
