package dev.cairn.crash;

import dev.cairn.ChildSpec;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import dev.cairn.testing.Effects;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** A parent fanning out to ten children, for the crash tests; how the children behave depends on the mode. */
public final class FanOutWorkflows {
  /** What the children do in this process. */
  public enum Mode {
    /** Finish at once. */
    FINISH,
    /** Block forever once started (the process is killed while they run). */
    BLOCK,
    /** Take a durable sleep of three seconds first (the process is killed while everything waits). */
    NAP
  }

  public static final int CHILDREN = 10;

  private FanOutWorkflows() {}

  @Workflow(name = "crash-parent")
  public static final class CrashParent {
    private final Effects effects;

    public CrashParent(Effects effects) {
      this.effects = effects;
    }

    @Step(timeout = "1h")
    List<String> spawn(StepContext ctx) {
      effects.record(ctx.runId(), "spawn", ctx.attempt());
      return ctx.runChildren("crash-child",
          IntStream.range(0, CHILDREN).mapToObj(i -> ChildSpec.of("k" + i, "child-" + i)).toList(), String.class);
    }
  }

  @Workflow(name = "crash-child")
  public static final class CrashChild {
    private final Effects effects;
    private final Mode mode;

    public CrashChild(Effects effects, Mode mode) {
      this.effects = effects;
      this.mode = mode;
    }

    @Step(timeout = "1h")
    String work(String input, StepContext ctx) throws InterruptedException {
      if (mode == Mode.NAP) {
        ctx.sleep(Duration.ofSeconds(3));
      }
      effects.record(ctx.runId(), "child-started", ctx.attempt());
      if (mode == Mode.BLOCK) {
        Thread.sleep(Long.MAX_VALUE);
      }
      effects.record(ctx.runId(), "child-finished", ctx.attempt());
      return input.toUpperCase();
    }
  }
}
