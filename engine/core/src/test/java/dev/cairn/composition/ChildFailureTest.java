package dev.cairn.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.ChildRunFailedException;
import dev.cairn.ChildSpec;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChildFailureTest {
  static final AtomicInteger CHILD_ATTEMPTS = new AtomicInteger();

  @Workflow(name = "fragile")
  static final class Fragile {
    @Step(retries = 2, backoff = "10ms")
    String work(String input) {
      CHILD_ATTEMPTS.incrementAndGet();
      if (input.startsWith("bad")) {
        throw new IllegalArgumentException("cannot process " + input);
      }
      return input.toUpperCase();
    }
  }

  @Workflow(name = "careful-parent")
  static final class CarefulParent {
    @Step
    String collect(StepContext ctx) {
      try {
        return String.join(",", ctx.runChildren("fragile",
            List.of(ChildSpec.of("a", "good"), ChildSpec.of("b", "bad-input")), String.class));
      } catch (ChildRunFailedException e) {
        return "recovered from " + e.childKey() + ": " + e.childError();
      }
    }
  }

  @Workflow(name = "careless-parent")
  static final class CarelessParent {
    @Step(retries = 3)
    String collect(StepContext ctx) {
      return String.join(",", ctx.runChildren("fragile", List.of(ChildSpec.of("x", "bad-data")), String.class));
    }
  }

  @Test
  void childFailureReachesTheParentsCatchPath() {
    CHILD_ATTEMPTS.set(0);
    try (Cairn cairn = TestEngines.builder().register(new CarefulParent(), new Fragile()).build()) {
      cairn.start();
      String result = cairn.trigger("careful-parent", null).result(String.class, Duration.ofSeconds(60));
      assertEquals("recovered from b: step 'work' failed after 3 attempts: java.lang.IllegalArgumentException:"
          + " cannot process bad-input", result);
      assertEquals(1 + 3, CHILD_ATTEMPTS.get(), "the good child once, the bad one with its retries");
    }
  }

  @Test
  void uncaughtChildFailureFailsTheParentWithTheChildsCause() {
    CHILD_ATTEMPTS.set(0);
    try (Cairn cairn = TestEngines.builder().register(new CarelessParent(), new Fragile()).build()) {
      cairn.start();
      RunView parent = cairn.trigger("careless-parent", null).await(Duration.ofSeconds(60));
      assertEquals(RunStatus.FAILED, parent.status());
      assertTrue(parent.error().startsWith("step 'collect' failed after 1 attempt: dev.cairn.ChildRunFailedException:"
          + " child run "), parent.error());
      assertTrue(parent.error().contains("(workflow fragile, key 'x') failed: step 'work' failed after 3 attempts:"
          + " java.lang.IllegalArgumentException: cannot process bad-data"), parent.error());
      assertEquals(3, CHILD_ATTEMPTS.get(), "the child failure is not retried by the parent");
    }
  }
}
