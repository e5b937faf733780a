package dev.cairn.internal.definition;

import dev.cairn.NonRetryableException;
import dev.cairn.internal.validate.Ranges;
import java.time.Duration;
import java.util.List;

/**
 * When a failed attempt is tried again and after how long: exponential backoff with jitter, capped.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param jitter fraction of the delay by which it is spread, in [0, 1]
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    double factor,
    Duration maxBackoff,
    double jitter,
    List<Class<? extends Throwable>> nonRetryable) {

  /** @throws IllegalArgumentException naming the first field out of range (NaN is out of every range) */
  public RetryPolicy {
    Ranges.between("attempts (retries + 1)", maxAttempts, 1, Ranges.MAX_ATTEMPTS);
    Ranges.between("backoff", initialBackoff, Duration.ZERO, Ranges.MAX_BACKOFF);
    Ranges.between("backoffFactor", factor, 1, Ranges.MAX_BACKOFF_FACTOR);
    Ranges.between("maxBackoff", maxBackoff, Duration.ZERO, Ranges.MAX_BACKOFF);
    Ranges.between("jitter", jitter, 0, 1);
    nonRetryable = List.copyOf(nonRetryable);
  }

  /** True if an attempt that failed with {@code error}, being failure number {@code failures}, is retried. */
  public boolean retries(Throwable error, int failures) {
    return failures < maxAttempts && isRetryable(error);
  }

  public boolean isRetryable(Throwable error) {
    if (error instanceof NonRetryableException) {
      return false;
    }
    for (Class<? extends Throwable> type : nonRetryable) {
      if (type.isInstance(error)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Delay before the attempt after failure number {@code failures} (1 for the first failure).
   *
   * @param random a uniform random number in [0, 1), from the engine's jitter source
   */
  public Duration delayAfter(int failures, double random) {
    double base = initialBackoff.toMillis() * Math.pow(factor, Math.max(0, failures - 1));
    double capped = Math.min(base, maxBackoff.toMillis());
    double spread = capped * jitter * (2 * random - 1);
    return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
  }
}
