package dev.cairn.crash;

import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import dev.cairn.testing.Effects;

/**
 * Three steps; each records a side effect in {@code <schema>.effects}. In a process started with
 * {@code blockSecond}, the second step records that it started and then never returns (until killed).
 */
@Workflow(name = "crashable")
public final class CrashWorkflow {
  private final Effects effects;
  private final boolean blockSecond;

  public CrashWorkflow(String jdbcUrl, String schema, boolean blockSecond) {
    this.effects = new Effects(jdbcUrl, schema);
    this.blockSecond = blockSecond;
  }

  private void record(StepContext ctx) {
    effects.record(ctx.runId(), ctx.stepName(), ctx.attempt());
  }

  @Step
  int first(Integer input, StepContext ctx) {
    record(ctx);
    return input + 1;
  }

  @Step(parents = "first", timeout = "1h")
  int second(@Parent("first") int value, StepContext ctx) throws InterruptedException {
    record(ctx);
    if (blockSecond) {
      Thread.sleep(Long.MAX_VALUE);
    }
    return value * 10;
  }

  @Step(parents = "second")
  String third(@Parent("second") int value, StepContext ctx) {
    record(ctx);
    return "result " + value;
  }
}
