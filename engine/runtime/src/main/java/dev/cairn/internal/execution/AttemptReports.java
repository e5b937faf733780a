package dev.cairn.internal.execution;

import java.time.Duration;

/**
 * Where a {@link StepRunner} reports what an attempt did: to the engine's attempt tracker for an attempt running
 * on an engine node, over the stream to the engine for an attempt running on a remote worker. The runner reports
 * the attempt's end at most once ({@link Attempt#claimReport()}); progress, log lines and timeout extensions any
 * number of times before it. Implementations are thread-safe and do not block on the database.
 */
public interface AttemptReports {
  void succeeded(Attempt attempt, String outputJson);

  /**
   * The step failed.
   *
   * @param retryable false when the error is of a type the step declares not retryable (or NonRetryableException):
   *     the engine decides whether and when to retry the others
   */
  void failed(Attempt attempt, String error, boolean retryable);

  /** The step must wait (children, a sleep, an event) and run again when the wait is over. */
  void suspended(Attempt attempt, Wait wait);

  /**
   * The attempt was not started (its lease ran out before the body could start): the engine must stop renewing its
   * lease and hand the step back, without counting a failure.
   */
  void notStarted(Attempt attempt);

  void emitted(Attempt attempt, String type, String payloadJson);

  void logged(Attempt attempt, String message);

  /** The step pushed its execution deadline later by {@code extra}. */
  void extended(Attempt attempt, Duration extra);
}
