package dev.cairn.internal.runs;

import dev.cairn.RunEvent;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Who receives a subscription's events. {@code events} gets them in order, on the feed thread; {@code ready} says
 * whether it takes more now (a full gRPC stream says no, then calls {@link EventFeed#wake()} once it drains);
 * {@code onEnd} is told, once, when the feed ends the subscription: with null after a single run's final event,
 * with the error when {@code events} threw or the subscription's reads kept failing; never after
 * {@link dev.cairn.Subscription#close()} returned. Immutable.
 */
public record Subscriber(Consumer<RunEvent> events, BooleanSupplier ready, Consumer<Throwable> onEnd) {
  /** A subscriber that always takes more. */
  public static Subscriber of(Consumer<RunEvent> events, Consumer<Throwable> onEnd) {
    return new Subscriber(events, () -> true, onEnd);
  }
}
