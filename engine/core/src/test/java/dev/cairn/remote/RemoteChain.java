package dev.cairn.remote;

import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import dev.cairn.testing.Effects;

/** A three-step workflow run by remote workers in the tests; each step records its execution. */
public final class RemoteChain {
  public record Order(String id, int items) {}

  public record Packed(String orderId, int boxes, String packedBy) {}

  /** The steps as deployed. {@code blockPack} makes the second step hang (the process is killed during it). */
  @Workflow(name = "remote-chain", version = "1")
  public static final class V1 {
    private final Effects effects;
    private final boolean blockPack;

    public V1(Effects effects, boolean blockPack) {
      this.effects = effects;
      this.blockPack = blockPack;
    }

    @Step
    Order check(Order order, StepContext ctx) {
      effects.record(ctx.runId(), "check", ctx.attempt());
      ctx.emit("checked", order.items());
      ctx.log("checked order " + order.id());
      return order;
    }

    @Step(parents = "check", timeout = "1h")
    Packed pack(@Parent("check") Order order, StepContext ctx) throws InterruptedException {
      effects.record(ctx.runId(), "pack", ctx.attempt());
      if (blockPack) {
        Thread.sleep(Long.MAX_VALUE);
      }
      return new Packed(order.id(), (order.items() + 2) / 3, ProcessHandle.current().pid() + "");
    }

    @Step(parents = "pack")
    String ship(@Parent("pack") Packed packed, StepContext ctx) {
      effects.record(ctx.runId(), "ship", ctx.attempt());
      return "shipped " + packed.orderId() + " in " + packed.boxes() + " boxes";
    }
  }

  /** Stale code: the same workflow name with another version (so another fingerprint). */
  @Workflow(name = "remote-chain", version = "0-stale")
  public static final class Stale {
    private final Effects effects;

    public Stale(Effects effects) {
      this.effects = effects;
    }

    @Step
    Order check(Order order, StepContext ctx) {
      effects.record(ctx.runId(), "stale-check", ctx.attempt());
      return order;
    }

    @Step(parents = "check")
    Packed pack(@Parent("check") Order order, StepContext ctx) {
      effects.record(ctx.runId(), "stale-pack", ctx.attempt());
      return new Packed(order.id(), 0, "stale");
    }

    @Step(parents = "pack")
    String ship(@Parent("pack") Packed packed, StepContext ctx) {
      effects.record(ctx.runId(), "stale-ship", ctx.attempt());
      return "stale";
    }
  }

  private RemoteChain() {}
}
