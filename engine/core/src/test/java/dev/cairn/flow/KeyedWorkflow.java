package dev.cairn.flow;

import dev.cairn.Concurrency;
import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.Workflow;

/**
 * The workflow of {@link KeyedCrashTest}, run by engine nodes and a remote worker in other processes: at most two
 * runs per customer, two steps of some tens of milliseconds each, so a run holds its key across a step boundary
 * (where a claim could wrongly admit another run) and a kill lands while keys are held.
 */
@Workflow(name = KeyedWorkflow.NAME)
@Concurrency(key = "{/customer}", max = KeyedWorkflow.MAX_RUNS)
public final class KeyedWorkflow {
  public static final String NAME = "keyed-crash";
  public static final int MAX_RUNS = 2;

  /** A run's input. */
  public record Order(String customer, int n) {}

  @Step(retries = 3, backoff = "50ms")
  Order first(Order order) throws InterruptedException {
    Thread.sleep(20);
    return order;
  }

  @Step(retries = 3, backoff = "50ms")
  String second(@Parent("first") Order order) throws InterruptedException {
    Thread.sleep(20);
    return order.customer() + "-" + order.n();
  }
}
