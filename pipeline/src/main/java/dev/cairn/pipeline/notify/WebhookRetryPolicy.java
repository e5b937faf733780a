package dev.cairn.pipeline.notify;

import java.time.Duration;

/**
 * How often and how patiently {@link WebhookSender} retries a delivery that failed with a 5xx, a network error
 * or a timeout. The wait before retry {@code n} (1-based) is {@code initialBackoff × factor^(n-1)}, capped at
 * {@code maxBackoff}.
 *
 * @param maxAttempts total attempts including the first, at least 1; default {@value #DEFAULT_MAX_ATTEMPTS}
 * @param initialBackoff wait before the first retry, not negative; default 2 s
 * @param factor growth of the wait per retry, at least 1; default 2
 * @param maxBackoff cap of the wait, at least {@code initialBackoff}; default 60 s
 */
public record WebhookRetryPolicy(int maxAttempts, Duration initialBackoff, double factor, Duration maxBackoff) {
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(2);
  public static final double DEFAULT_FACTOR = 2.0;
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
  /** 5 attempts, waiting 2, 4, 8 and 16 s between them. */
  public static final WebhookRetryPolicy DEFAULT = new WebhookRetryPolicy(DEFAULT_MAX_ATTEMPTS,
      DEFAULT_INITIAL_BACKOFF, DEFAULT_FACTOR, DEFAULT_MAX_BACKOFF);

  public WebhookRetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("webhook maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoff == null || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("webhook initialBackoff must be zero or positive, got " + initialBackoff);
    }
    if (!(factor >= 1) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("webhook backoff factor must be at least 1, got " + factor);
    }
    if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("webhook maxBackoff must be at least initialBackoff (" + initialBackoff
          + "), got " + maxBackoff);
    }
  }

  /** The wait before retry {@code retry} (1 for the first retry). */
  public Duration backoffBefore(int retry) {
    double millis = initialBackoff.toMillis() * Math.pow(factor, retry - 1);
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }
}
