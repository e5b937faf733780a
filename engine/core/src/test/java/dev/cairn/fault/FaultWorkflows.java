package dev.cairn.fault;

import dev.cairn.ChildSpec;
import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The workflows the fault-injection test runs on its remote workers: a diamond {@code a -> (b, c) -> d} whose
 * step {@code b} fans out to {@value #CHILDREN} child runs of {@code fault-leaf}. Every step body records its
 * execution first ({@link ExecutionLog}), emits a progress event, and works for a few tens of milliseconds so
 * faults land while steps run. Outputs are computed from the input, so the final result can be checked
 * ({@link #expected}).
 *
 * <p>Retries are generous: while PostgreSQL is down an attempt fails (it cannot record its execution, or the
 * engine cannot answer the fan-out), and that must not fail the run.
 */
public final class FaultWorkflows {
  public static final String DIAMOND = "fault-diamond";
  public static final String LEAF = "fault-leaf";
  public static final int CHILDREN = 3;
  private static final int RETRIES = 40;
  private static final String BACKOFF = "100ms";
  private static final String MAX_BACKOFF = "1s";

  /** A child's input: the parent run and key it was started under travel with it, for the accounting. */
  public record LeafInput(UUID parentRunId, String key, int value) {}

  private FaultWorkflows() {}

  /** The output of step {@code d} for the run input {@code input}. */
  public static String expected(int input) {
    int a = input + 1;
    int b = IntStream.range(0, CHILDREN).map(i -> 2 * (a * 10 + i)).sum();
    return "d=" + (b + 3 * a);
  }

  private static void work(StepContext ctx) throws InterruptedException {
    ctx.emit("progress", ctx.stepName());
    Thread.sleep(ThreadLocalRandom.current().nextInt(20, 150));
  }

  @Workflow(name = DIAMOND)
  public static final class Diamond {
    private final ExecutionLog executions;

    public Diamond(ExecutionLog executions) {
      this.executions = executions;
    }

    @Step(retries = RETRIES, backoff = BACKOFF, maxBackoff = MAX_BACKOFF)
    int a(Integer input, StepContext ctx) throws InterruptedException {
      executions.record(ctx);
      work(ctx);
      return input + 1;
    }

    /** Fans out; runs again from the start when its children are done, recording each invocation. */
    @Step(parents = "a", retries = RETRIES, backoff = BACKOFF, maxBackoff = MAX_BACKOFF)
    int b(@Parent("a") int a, StepContext ctx) throws InterruptedException {
      executions.record(ctx);
      work(ctx);
      List<ChildSpec> children = IntStream.range(0, CHILDREN)
          .mapToObj(i -> ChildSpec.of("k" + i, new LeafInput(ctx.runId(), "k" + i, a * 10 + i))).toList();
      return ctx.runChildren(LEAF, children, Integer.class).stream().mapToInt(Integer::intValue).sum();
    }

    @Step(parents = "a", retries = RETRIES, backoff = BACKOFF, maxBackoff = MAX_BACKOFF)
    int c(@Parent("a") int a, StepContext ctx) throws InterruptedException {
      executions.record(ctx);
      work(ctx);
      return 3 * a;
    }

    @Step(parents = {"b", "c"}, retries = RETRIES, backoff = BACKOFF, maxBackoff = MAX_BACKOFF)
    String d(@Parent("b") int b, @Parent("c") int c, StepContext ctx) throws InterruptedException {
      executions.record(ctx);
      work(ctx);
      return "d=" + (b + c);
    }
  }

  @Workflow(name = LEAF)
  public static final class Leaf {
    private final ExecutionLog executions;

    public Leaf(ExecutionLog executions) {
      this.executions = executions;
    }

    @Step(retries = RETRIES, backoff = BACKOFF, maxBackoff = MAX_BACKOFF)
    int work(LeafInput input, StepContext ctx) throws InterruptedException {
      executions.record(ctx, input.parentRunId(), input.key());
      FaultWorkflows.work(ctx);
      return 2 * input.value();
    }
  }
}
