package dev.cairn.internal.composition;

import dev.cairn.db.Store;
import dev.cairn.internal.client.Triggerer;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.WorkflowRegistry;
import java.time.Duration;

/** What durable operations need from the node, shared by all attempts. Thread-safe. */
public final class Composition {
  final Store store;
  final Triggerer triggerer;
  final PayloadCodec codec;
  final ChildOutputs childOutputs;
  final Duration eventLookback;

  public Composition(Store store, Triggerer triggerer, WorkflowRegistry registry, PayloadCodec codec,
      Duration eventLookback) {
    this.store = store;
    this.triggerer = triggerer;
    this.codec = codec;
    this.childOutputs = new ChildOutputs(store, registry, codec);
    this.eventLookback = eventLookback;
  }

  /** The durable operations of one attempt. */
  public DurableOps forAttempt(DurableOps.AttemptInfo attempt) {
    return new DurableOps(this, attempt);
  }
}
