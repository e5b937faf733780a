package dev.cairn.internal.definition;

import java.util.List;

/** A step's flow control: its concurrency limits, the rate limits it consumes and the worker labels it wants. */
public record StepFlow(List<ConcurrencyRule> concurrency, List<RateRule> rates, List<LabelRule> labels) {
  public static final StepFlow NONE = new StepFlow(List.of(), List.of(), List.of());

  public StepFlow {
    concurrency = List.copyOf(concurrency);
    rates = List.copyOf(rates);
    labels = List.copyOf(labels);
  }

  /** Whether the step must pass admission (a key) before it may be leased. */
  public boolean isGated() {
    return !concurrency.isEmpty() || !rates.isEmpty();
  }

  public boolean isEmpty() {
    return concurrency.isEmpty() && rates.isEmpty() && labels.isEmpty();
  }
}
