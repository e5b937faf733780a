package dev.cairn.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DivergentPathTest {
  /** Sleeps on its first invocation, waits for an event instead on its second: not deterministic. */
  @Workflow(name = "fickle")
  static final class Fickle {
    final AtomicInteger invocations = new AtomicInteger();

    @Step
    String decide(StepContext ctx) {
      if (invocations.incrementAndGet() == 1) {
        ctx.sleep(Duration.ofMillis(100));
      } else {
        ctx.waitForEvent("go", Duration.ofSeconds(1), String.class);
      }
      return "done";
    }
  }

  @Test
  void resumingOnADifferentPathFailsTheStepClearly() {
    Fickle fickle = new Fickle();
    try (Cairn cairn = TestEngines.builder().register(fickle).build()) {
      cairn.start();
      RunView run = cairn.trigger("fickle", null).await(Duration.ofSeconds(30));
      assertEquals(RunStatus.FAILED, run.status());
      assertEquals("step 'decide' failed after 1 attempt: dev.cairn.NonRetryableException: step 'decide' took a"
          + " different path on resume: durable operation #1 was SLEEP(100ms) when first run, and is now"
          + " EVENT(go within 1000ms); durable operations must be called in the same order with the same arguments",
          run.error());
      assertEquals(2, fickle.invocations.get());
    }
  }
}
