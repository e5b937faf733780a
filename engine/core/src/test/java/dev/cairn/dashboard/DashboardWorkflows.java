package dev.cairn.dashboard;

import dev.cairn.ChildSpec;
import dev.cairn.Concurrency;
import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** The workflows the dashboard tests look at: a diamond, one that waits until told, and a fan-out. */
final class DashboardWorkflows {
  private DashboardWorkflows() {}

  static List<Object> all() {
    return List.of(new Diamond(), new Waiting(), new FanOut(), new Leaf(), new Limited());
  }

  /** prepare → (left, right) → join: four nodes, four edges. */
  @Workflow(name = "diamond")
  static final class Diamond {
    @Step
    String prepare(String input) {
      return input;
    }

    @Step
    String left(@Parent("prepare") String prepared) {
      return prepared + "-left";
    }

    @Step
    String right(@Parent("prepare") String prepared) {
      return prepared + "-right";
    }

    @Step
    String join(@Parent("left") String left, @Parent("right") String right) {
      return left + "+" + right;
    }
  }

  /** Runs until an event with key {@code go-<input>} is pushed: a run to cancel or watch. */
  @Workflow(name = "waiting")
  static final class Waiting {
    @Step
    String hold(String input, StepContext ctx) {
      return ctx.waitForEvent("go-" + input, Duration.ofHours(1), String.class).orElse("timed out");
    }

    @Step
    String after(@Parent("hold") String held) {
      return held;
    }
  }

  /** One child run per input number. */
  @Workflow(name = "fan-out")
  static final class FanOut {
    @Step
    int count(Integer children) {
      return children;
    }

    @Step
    List<String> spread(@Parent("count") Integer children, StepContext ctx) {
      return ctx.runChildren("leaf", IntStream.range(0, children).mapToObj(i -> ChildSpec.of("c" + i, "c" + i))
          .toList(), String.class);
    }
  }

  @Workflow(name = "leaf")
  static final class Leaf {
    @Step
    String touch(String name) {
      return name;
    }
  }

  record Order(String customer) {}

  /** One run per customer at a time: the second waits, held back by the first's concurrency key. */
  @Workflow(name = "limited")
  @Concurrency(key = "{/customer}", max = 1)
  static final class Limited {
    @Step
    String hold(Order order, StepContext ctx) {
      return ctx.waitForEvent("limited-" + order.customer(), Duration.ofHours(1), String.class).orElse("timed out");
    }
  }
}
