package dev.cairn.examples;

import dev.cairn.Cairn;
import dev.cairn.RunEvent;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Runs;
import dev.cairn.StepView;
import dev.cairn.Subscription;
import dev.cairn.TriggerOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The README's main command: embeds Cairn on the default embedded PostgreSQL (data in {@code .cairn/pgdata}),
 * runs one order through {@link OrderFulfilment} while printing its event log live, then prints the steps.
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    try (Cairn cairn = Cairn.builder().register(new OrderFulfilment()).build()) {
      cairn.start();
      RunView run = run(cairn, System.out);
      System.exit(run.status() == RunStatus.SUCCEEDED ? 0 : 1);
    }
  }

  /**
   * Runs one order (on an engine with {@link OrderFulfilment} registered, embedded or over gRPC: any {@link Runs})
   * and reports on {@code out}: the event log as it happens, then the steps and the shipment.
   */
  public static RunView run(Runs runs, PrintStream out) {
    OrderFulfilment.Order order = new OrderFulfilment.Order("o-1001", "ada@example.com", List.of(
        new OrderFulfilment.Item("tea", 2, 450), new OrderFulfilment.Item("mug", 1, 1200)));
    RunHandle<OrderFulfilment.Shipment> handle = runs.trigger(OrderFulfilment.REF, order,
        TriggerOptions.builder().metadata("customer", order.customer()).build());
    out.println("triggered run " + handle.id());
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    try (Subscription log = runs.watch(handle.id(), 0, event -> print(event, out), ended::complete)) {
      Throwable failure = ended.get(1, TimeUnit.MINUTES); // the watch ends after the run's final event
      if (failure != null) {
        throw new IllegalStateException("watching run " + handle.id() + " failed", failure);
      }
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("run " + handle.id() + " did not finish within a minute", e);
    }
    RunView view = handle.await(Duration.ofSeconds(10));
    out.println();
    out.println("run " + view.id() + " " + view.status());
    for (StepView step : view.steps()) {
      out.printf("  %-8s %-9s attempts=%d%n", step.name(), step.status(), step.attempts());
    }
    if (view.status() == RunStatus.SUCCEEDED) {
      OrderFulfilment.Shipment shipment = handle.result(Duration.ofSeconds(10));
      out.println("shipped " + shipment.units() + " units, charged " + shipment.chargedCents() + " cents, tracking "
          + shipment.trackingNumber());
    } else {
      out.println("error: " + view.error());
    }
    return view;
  }

  private static void print(RunEvent event, PrintStream out) {
    out.printf("  #%-3d %-18s %-8s %s%n", event.seq(), event.type(), event.stepName() == null ? "" : event.stepName(),
        event.payloadJson() == null ? "" : event.payloadJson());
  }
}
