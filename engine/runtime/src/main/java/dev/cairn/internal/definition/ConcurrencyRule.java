package dev.cairn.internal.definition;

import dev.cairn.Concurrency;

/**
 * A validated {@link Concurrency} declaration: on a workflow it limits runs, on a step attempts.
 *
 * @param rule the rule's stable name, unique in the engine: {@code run:<workflow>#<n>} or
 *     {@code step:<workflow>.<step>#<n>} (n: the declaration's position); keys of one rule share its limit
 */
public record ConcurrencyRule(String rule, KeyTemplate key, int max, Concurrency.Strategy strategy) {
  /** Largest limit a rule may declare. */
  public static final int MAX_LIMIT = 1_000_000;

  public ConcurrencyRule {
    if (max < 1 || max > MAX_LIMIT) {
      throw new IllegalArgumentException("max must be 1.." + MAX_LIMIT + ", got " + max);
    }
  }
}
