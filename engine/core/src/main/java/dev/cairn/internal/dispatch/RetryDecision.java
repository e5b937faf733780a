package dev.cairn.internal.dispatch;

import dev.cairn.internal.definition.RetryPolicy;

/**
 * Whether and when a failed attempt runs again: the one decision, for attempts on engine nodes and on workers
 * alike. The runner says whether the failure is of a retryable kind; the step's policy says how many attempts it
 * has and how long to back off. Stateless.
 */
final class RetryDecision {
  private RetryDecision() {}

  /**
   * The backoff before the next attempt in milliseconds, or null when the step fails for good.
   *
   * @param failuresBefore failures of the step before this one
   * @param random a uniform number in [0, 1), for the jitter
   */
  static Long delayMillis(RetryPolicy policy, int failuresBefore, boolean retryable, double random) {
    int failures = failuresBefore + 1;
    if (!retryable || failures >= policy.maxAttempts()) {
      return null;
    }
    return policy.delayAfter(failures, random).toMillis();
  }
}
