package dev.cairn.examples;

import dev.cairn.NonRetryableException;
import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import dev.cairn.WorkflowRef;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The quick-start workflow: validate an order, then charge the card and reserve stock in parallel, then ship.
 * The payment gateway is flaky (its first call fails), so the charge step shows a retry with backoff.
 */
@Workflow(name = "order-fulfilment")
public final class OrderFulfilment {
  /** A typed reference: trigger with an {@link Order}, get a {@link Shipment} back. */
  public static final WorkflowRef<Order, Shipment> REF = WorkflowRef.of(OrderFulfilment.class, Order.class,
      Shipment.class);

  /** The run input. */
  public record Order(String id, String customer, List<Item> items) {}

  public record Item(String sku, int quantity, long unitCents) {}

  public record Payment(String transactionId, long cents, int gatewayAttempts) {}

  public record Reservation(String warehouse, int units) {}

  public record Shipment(String orderId, String trackingNumber, long chargedCents, int units, Instant shippedAt) {}

  private final AtomicInteger gatewayCalls = new AtomicInteger();

  @Step(timeout = "30s")
  Order validate(Order order, StepContext ctx) {
    if (order.items().isEmpty()) {
      throw new NonRetryableException("order " + order.id() + " has no items");
    }
    ctx.emit("validated", order.items().size() + " items");
    return order;
  }

  @Step(retries = 3, backoff = "200ms")
  Payment charge(@Parent("validate") Order order, StepContext ctx) {
    if (gatewayCalls.incrementAndGet() == 1) {
      throw new IllegalStateException("payment gateway answered 503");
    }
    long cents = order.items().stream().mapToLong(item -> item.quantity() * item.unitCents()).sum();
    return new Payment("tx-" + order.id(), cents, ctx.attempt());
  }

  @Step
  Reservation reserve(@Parent("validate") Order order) {
    return new Reservation("north", order.items().stream().mapToInt(Item::quantity).sum());
  }

  @Step
  Shipment ship(Order order, @Parent("charge") Payment payment, @Parent("reserve") Reservation reservation) {
    return new Shipment(order.id(), "TRK-" + order.id().toUpperCase(Locale.ROOT), payment.cents(),
        reservation.units(), Instant.now());
  }
}
