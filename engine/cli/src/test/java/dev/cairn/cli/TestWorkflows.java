package dev.cairn.cli;

import dev.cairn.ChildSpec;
import dev.cairn.NonRetryableException;
import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** The workflows the CLI's tests run on their engine. */
final class TestWorkflows {
  record Greeting(String name, int times) {}

  private TestWorkflows() {}

  static List<Object> all() {
    return List.of(new Greeter(), new Approval(), new Failing(), new GatedFanOut());
  }

  /** Two steps; the first emits {@code times} progress events. */
  @Workflow(name = "greeter")
  static final class Greeter {
    @Step
    String compose(Greeting greeting, StepContext ctx) {
      for (int i = 0; i < greeting.times(); i++) {
        ctx.emit("draft", i);
      }
      return "Hello, " + greeting.name();
    }

    @Step
    String sign(@Parent("compose") String text) {
      return text + "!";
    }
  }

  /** Waits for the event whose key is its input, then returns the event's payload. */
  @Workflow(name = "approval")
  static final class Approval {
    @Step
    String decide(String key, StepContext ctx) {
      ctx.emit("asked", key);
      String answer = ctx.waitForEvent(key, Duration.ofMinutes(10), String.class).orElse("timed out");
      ctx.emit("answered", answer);
      return answer;
    }
  }

  /** Fails at once, without retries. */
  @Workflow(name = "failing")
  static final class Failing {
    @Step
    String boom(String input) {
      throw new NonRetryableException("boom: " + input);
    }
  }

  /** Runs three approval children, keyed {@code <input>-0} to {@code <input>-2}, and joins their answers. */
  @Workflow(name = "gated-fan-out")
  static final class GatedFanOut {
    @Step
    String gather(String key, StepContext ctx) {
      List<ChildSpec> children = IntStream.range(0, 3)
          .mapToObj(i -> ChildSpec.of("approval-" + i, key + "-" + i)).toList();
      return String.join(" ", ctx.runChildren("approval", children, String.class));
    }
  }
}
