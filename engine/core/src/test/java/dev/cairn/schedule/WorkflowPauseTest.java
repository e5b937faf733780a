package dev.cairn.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.NewToken;
import dev.cairn.Parent;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepStatus;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pausing a workflow holds its queued steps on every node; running ones finish; resuming releases them in order. */
class WorkflowPauseTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  @Workflow(name = "two-steps")
  static final class TwoSteps {
    final CountDownLatch firstMayEnd = new CountDownLatch(1);

    @Step
    String first(String input) throws InterruptedException {
      if (input.equals("held")) {
        firstMayEnd.await(5, TimeUnit.MINUTES); // until the test lets it end (a close interrupts it)
      }
      return input;
    }

    @Step
    String second(@Parent("first") String first) {
      return first + " done";
    }
  }

  @Workflow(name = "other")
  static final class Other {
    @Step
    String only(String input) {
      return input;
    }
  }

  @Test
  void aPausedWorkflowHoldsItsQueuedStepsOnEveryNodeLetsRunningOnesFinishAndResumesInOrder() {
    String schema = TestDatabase.newSchema();
    TwoSteps onA = new TwoSteps();
    TwoSteps onB = new TwoSteps();
    try (Cairn a = TestEngines.builder(schema).nodeId("a").register(onA, new Other()).build();
        Cairn b = TestEngines.builder(schema).nodeId("b").register(onB, new Other()).build()) {
      a.start();
      b.start();
      RunHandle<Object> running = a.trigger("two-steps", "held");
      Await.until("the first step runs", WAIT,
          () -> a.getRun(running.id()).step("first").orElseThrow().status() == StepStatus.RUNNING);

      Instant since = b.workflows().pause("two-steps");
      assertEquals(Map.of("two-steps", since), a.workflows().paused(), "one pause, seen from every node");
      assertEquals(since, a.workflows().pause("two-steps"), "pausing again keeps the first pause");
      RunHandle<Object> queued = b.trigger("two-steps", "new");
      RunHandle<Object> delayed = a.trigger("two-steps", "due", TriggerOptions.builder()
          .delay(Duration.ofMillis(1)).build());
      assertEquals("other ran", a.trigger("other", "other ran").result(String.class, WAIT),
          "other workflows run as usual");

      onA.firstMayEnd.countDown();
      onB.firstMayEnd.countDown();
      Await.until("the running step finished", WAIT,
          () -> a.getRun(running.id()).step("first").orElseThrow().status() == StepStatus.SUCCEEDED);
      // Both nodes had every chance to claim: the dispatchers poll every 200 ms, and a run of another workflow
      // triggered after this point runs to its end.
      assertEquals("later", b.trigger("other", "later").result(String.class, WAIT));
      assertEquals("later too", a.trigger("other", "later too").result(String.class, WAIT));
      for (RunHandle<Object> held : List.of(running, queued, delayed)) {
        RunView view = a.getRun(held.id());
        assertFalse(view.status().isFinal(), held.id() + " is held");
        String step = held == running ? "second" : "first";
        assertEquals(StepStatus.QUEUED, view.step(step).orElseThrow().status());
        assertEquals("workflow two-steps is paused (since " + since + ")",
            view.step(step).orElseThrow().blockedReason(), "it says why it waits");
      }

      assertTrue(a.workflows().resume("two-steps"));
      assertFalse(a.workflows().resume("two-steps"), "resumed already");
      assertEquals(Map.of(), b.workflows().paused());
      assertEquals("held done", a.await(running.id(), WAIT).result(String.class));
      assertEquals("new done", b.await(queued.id(), WAIT).result(String.class));
      assertEquals("due done", a.await(delayed.id(), WAIT).result(String.class));
    }
  }

  @Test
  void pausingIsRefusedForAnUnknownWorkflowAndWorksThroughTheClient() {
    try (Cairn cairn = TestEngines.builder().grpcPort(0).grpcHost("127.0.0.1").register(new Other()).build()) {
      cairn.start();
      CairnException unknown = assertThrows(CairnException.class, () -> cairn.workflows().pause("no-such"));
      assertTrue(unknown.getMessage().contains("no-such"), unknown.getMessage());
      assertThrows(IllegalArgumentException.class, () -> cairn.workflows().pause("bad\u0000name"));
      assertEquals(Map.of(), cairn.workflows().paused(), "nothing paused");

      NewToken token = cairn.tokens().create("pauser", Role.CLIENT, null);
      try (CairnClient client = CairnClient.builder("127.0.0.1:" + cairn.grpcPort()).token(token.secret()).build()) {
        Instant since = client.workflows().pause("other");
        assertEquals(Map.of("other", since), client.workflows().paused());
        RunHandle<Object> held = client.trigger("other", "via client");
        Await.until("the step shows the pause", WAIT, () -> String.valueOf(client.getRun(held.id()).step("only")
            .orElseThrow().blockedReason()).startsWith("workflow other is paused"));
        assertEquals(RunStatus.QUEUED, client.getRun(held.id()).status());
        CairnException refused = assertThrows(CairnException.class, () -> client.workflows().pause("no-such"));
        assertTrue(refused.getMessage().startsWith("INVALID_ARGUMENT"), refused.getMessage());
        assertTrue(client.workflows().resume("other"));
        assertEquals("via client", client.await(held.id(), WAIT).result(String.class));
      }
    }
  }
}
