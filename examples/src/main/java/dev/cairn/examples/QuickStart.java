package dev.cairn.examples;

import dev.cairn.Cairn;
import dev.cairn.RunEvent;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.StepView;
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

  /** Runs one order on {@code cairn} (started, with {@link OrderFulfilment} registered) and reports on {@code out}. */
  public static RunView run(Cairn cairn, PrintStream out) {
    OrderFulfilment.Order order = new OrderFulfilment.Order("o-1001", "ada@example.com", List.of(
        new OrderFulfilment.Item("tea", 2, 450), new OrderFulfilment.Item("mug", 1, 1200)));
    RunHandle handle = cairn.trigger(OrderFulfilment.class, order,
        TriggerOptions.builder().metadata("customer", order.customer()).build());
    out.println("triggered run " + handle.id());
    CompletableFuture<RunView> finished = CompletableFuture.supplyAsync(() -> handle.await(Duration.ofMinutes(1)));
    long seen = 0;
    while (!finished.isDone()) {
      seen = print(cairn.events(handle.id(), seen, 1000), seen, out);
      try {
        finished.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        // print what happened meanwhile, then wait again
      } catch (InterruptedException | ExecutionException e) {
        throw new IllegalStateException("waiting for run " + handle.id() + " failed", e);
      }
    }
    print(cairn.events(handle.id(), seen, 1000), seen, out);
    RunView view = finished.join();
    out.println();
    out.println("run " + view.id() + " " + view.status());
    for (StepView step : view.steps()) {
      out.printf("  %-8s %-9s attempts=%d%n", step.name(), step.status(), step.attempts());
    }
    if (view.status() == RunStatus.SUCCEEDED) {
      OrderFulfilment.Shipment shipment = view.output("ship", OrderFulfilment.Shipment.class);
      out.println("shipped " + shipment.units() + " units, charged " + shipment.chargedCents() + " cents, tracking "
          + shipment.trackingNumber());
    } else {
      out.println("error: " + view.error());
    }
    return view;
  }

  private static long print(List<RunEvent> events, long seen, PrintStream out) {
    for (RunEvent event : events) {
      out.printf("  #%-3d %-18s %-8s %s%n", event.seq(), event.type(),
          event.stepName() == null ? "" : event.stepName(), event.payloadJson() == null ? "" : event.payloadJson());
      seen = event.seq();
    }
    return seen;
  }
}
