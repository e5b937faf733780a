package dev.cairn.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/** The assertions pass on what is true of a run and fail, showing the run, on what is not. */
class RunAssertTest {
  @Workflow(name = "greeter")
  static final class Greeter {
    @Step
    String greet(String name, StepContext ctx) {
      ctx.emit("greeted", name);
      return "hello " + name;
    }
  }

  @RegisterExtension
  static final CairnExtension cairn = CairnExtension.builder().register(new Greeter()).build();

  @Test
  void trueStatementsPassAndFalseOnesFailWithTheRunShown() {
    RunHandle<?> run = cairn.runs().trigger(Greeter.class, "ada");
    run.await(Duration.ofSeconds(30));
    RunAssert.assertThat(run).succeeded().hasStatus(RunStatus.SUCCEEDED).result(String.class, "hello ada")
        .step("greet").succeeded().attempts(1).failures(0).output(String.class, "hello ada").and()
        .hasEvent("greeted").hasEvents("greeted", 1);

    AssertionFailedError wrongStatus = assertThrows(AssertionFailedError.class, () -> RunAssert.assertThat(run)
        .failed());
    assertTrue(wrongStatus.getMessage().contains("expected status FAILED but was SUCCEEDED"), wrongStatus.getMessage());
    assertTrue(wrongStatus.getMessage().contains("step greet: SUCCEEDED, attempts 1"), wrongStatus.getMessage());
    assertThrows(AssertionFailedError.class, () -> RunAssert.assertThat(run).result(String.class, "hello bo"));
    assertThrows(AssertionFailedError.class, () -> RunAssert.assertThat(run).step("greet").attempts(2));
    assertThrows(AssertionFailedError.class, () -> RunAssert.assertThat(run).step("missing"));
    assertThrows(AssertionFailedError.class, () -> RunAssert.assertThat(run).hasEvent("never"));
    assertThrows(IllegalStateException.class, () -> RunAssert.assertThat(run.get()).hasEvent("greeted"),
        "a view has no log to look in");
  }
}
