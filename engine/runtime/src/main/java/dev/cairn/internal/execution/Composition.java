package dev.cairn.internal.execution;

import dev.cairn.internal.codec.PayloadCodec;
import java.time.Duration;
import java.util.function.Supplier;

/** What durable operations need, shared by all attempts of a node or worker. Thread-safe. */
public final class Composition {
  final CompositionBackend backend;
  final PayloadCodec codec;
  private final Supplier<Duration> eventLookback;

  public Composition(CompositionBackend backend, PayloadCodec codec, Duration eventLookback) {
    this(backend, codec, () -> eventLookback);
  }

  /** With an event lookback that is learned later (a worker learns it from the engine when it registers). */
  public Composition(CompositionBackend backend, PayloadCodec codec,
      Supplier<Duration> eventLookback) {
    this.backend = backend;
    this.codec = codec;
    this.eventLookback = eventLookback;
  }

  Duration eventLookback() {
    return eventLookback.get();
  }

  /** The backend, for the engine's worker service to answer workers' durable operations. */
  public CompositionBackend backend() {
    return backend;
  }

  /** The durable operations of one attempt. */
  public DurableOps forAttempt(DurableOps.AttemptInfo attempt) {
    return new DurableOps(this, attempt);
  }
}
