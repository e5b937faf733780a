package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.db.Claim;
import dev.cairn.db.ClaimedStep;
import dev.cairn.db.Store;
import dev.cairn.internal.Engine;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drives the queue by hand (the engine is built but not started, so nothing else claims steps) to check the
 * attempt fence: once a lease expired and the step was claimed again, the old attempt can change nothing.
 */
class FencingTest {
  @Workflow(name = "fenced")
  static final class Fenced {
    @Step
    String only() {
      return "real";
    }
  }

  @Test
  void completionFromSupersededAttemptIsRefusedAndChangesNothing() throws Exception {
    try (Cairn cairn = TestEngines.builder().register(new Fenced()).build()) {
      Engine engine = CairnTestAccess.engine(cairn);
      engine.completer().start();
      Store store = engine.store();
      RunHandle<?> run = cairn.trigger("fenced", null);

      ClaimedStep first = store.stepDequeueAndLease(new Claim(List.of("fenced"),
          CairnTestAccess.engine(cairn).registry().localFingerprints(), List.of(), 1, "old-worker", "node/old-worker",
          0, List.of(), false, 0, null)).get(0);
      assertEquals(1, first.attempt());
      AttemptId firstAttempt = new AttemptId(first.id(), first.runId(), first.attempt(), "node/old-worker");
      Await.until("the zero-length lease is past", Duration.ofSeconds(5),
          () -> !store.stepFindExpiredLeases(10).isEmpty());
      assertTrue(engine.completer().submit(new StepOutcome.LeaseExpired(firstAttempt)).get());

      ClaimedStep second = store.stepDequeueAndLease(new Claim(List.of("fenced"),
          CairnTestAccess.engine(cairn).registry().localFingerprints(), List.of(), 1, "new-worker", "node/new-worker",
          30_000, List.of(), false, 0, null)).get(0);
      assertEquals(2, second.attempt());

      assertFalse(engine.completer().submit(new StepOutcome.Succeeded(firstAttempt, "\"stale\"")).get());
      assertFalse(engine.completer().submit(new StepOutcome.Failed(firstAttempt, "stale failure", false, null)).get());
      assertFalse(engine.completer().submit(
          new StepOutcome.Emitted(firstAttempt, "only", "progress", "{}")).get());
      StepView step = cairn.getRun(run.id()).step("only").orElseThrow();
      assertEquals(StepStatus.RUNNING, step.status());
      assertEquals("new-worker", step.workerId());
      assertEquals(null, step.outputJson());

      AttemptId secondAttempt = new AttemptId(second.id(), second.runId(), second.attempt(), "node/new-worker");
      assertTrue(engine.completer().submit(new StepOutcome.Succeeded(secondAttempt, "\"real\"")).get());
      RunView view = cairn.await(run.id(), Duration.ofSeconds(10));
      assertEquals(RunStatus.SUCCEEDED, view.status());
      assertEquals("real", view.output("only", String.class));
      assertFalse(engine.completer().submit(new StepOutcome.Succeeded(firstAttempt, "\"stale\"")).get());
      assertEquals("real", cairn.getRun(run.id()).output("only", String.class));
      assertEquals(1, cairn.events(run.id(), 0, 100).stream().filter(e -> e.type().equals("STEP_SUCCEEDED")).count());
    }
  }
}
