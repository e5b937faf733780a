package dev.cairn.examples.spring;

import dev.cairn.NonRetryableException;
import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.WorkerLabel;
import dev.cairn.Workflow;
import dev.cairn.WorkflowRef;
import org.springframework.stereotype.Component;

/**
 * An order: {@code price} it with the {@link PriceList} bean, then {@code ship} it with the {@link Warehouse} bean on
 * a slot labelled {@code pool=fulfilment} (this application's own by default, or a worker process's). A Spring bean:
 * the starter registers it, and its dependencies arrive by constructor injection.
 */
@Component
@Workflow(name = "spring-order")
public class OrderWorkflow {
  public static final WorkflowRef<Order, Shipment> REF =
      WorkflowRef.of(OrderWorkflow.class, Order.class, Shipment.class);

  public record Order(String item, int quantity) {}

  public record Quote(String item, int quantity, long totalCents) {}

  public record Shipment(String item, int quantity, long totalCents, String parcel) {}

  private final PriceList prices;
  private final Warehouse warehouse;

  public OrderWorkflow(PriceList prices, Warehouse warehouse) {
    this.prices = prices;
    this.warehouse = warehouse;
  }

  @Step
  Quote price(Order order) {
    if (order.quantity() < 1) {
      throw new NonRetryableException("quantity must be at least 1, got " + order.quantity());
    }
    try {
      return new Quote(order.item(), order.quantity(), prices.priceOf(order.item()) * order.quantity());
    } catch (IllegalArgumentException e) {
      throw new NonRetryableException(e.getMessage());
    }
  }

  @Step(retries = 3, backoff = "200ms")
  @WorkerLabel(key = "pool", value = "fulfilment")
  Shipment ship(@Parent("price") Quote quote) {
    return new Shipment(quote.item(), quote.quantity(), quote.totalCents(),
        warehouse.pack(quote.item(), quote.quantity()));
  }
}
