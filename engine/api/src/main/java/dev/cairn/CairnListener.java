package dev.cairn;

import java.time.Duration;
import java.util.UUID;

/**
 * Observability callbacks. Every method has a no-op default; implementations must be thread-safe and fast
 * (they run on engine threads). Micrometer support is one implementation, installed with
 * {@link Cairn.Builder#meterRegistry}.
 */
public interface CairnListener {
  /** Steps became queued (roots of new runs, released children, retries, leases taken back). */
  /**
   * Queued steps were found waiting although they could run ({@code kind}: "concurrency", "rate" or "labels"), for
   * the rule named (a limit's rule, or the required labels); each step is counted once per waiting episode.
   */
  default void stepsBlocked(String kind, String rule, int count) {}

  default void stepsQueued(int count) {}

  /** A step attempt started here after waiting {@code queuedFor} in the queue. */
  default void stepStarted(String workflow, String step, Duration queuedFor) {}

  /** A step attempt's checkpoint was committed. */
  default void stepSucceeded(String workflow, String step, Duration ranFor) {}

  /** A step attempt failed; {@code willRetry} tells whether it was queued again. */
  default void stepFailed(String workflow, String step, Duration ranFor, boolean willRetry) {}

  /** A lease expired because its holder went silent. */
  default void leaseExpired(UUID runId) {}

  /**
   * A dequeue statement of this node's dispatcher claimed {@code count} queued steps (0: it found none) and took
   * {@code took}; also called for a trigger's insert that leased its runs' first steps to this node as it inserted
   * them.
   */
  default void stepsClaimed(int count, Duration took) {}

  /** This node's completer wrote {@code count} outcomes in one transaction that took {@code took} to commit. */
  default void outcomesWritten(int count, Duration took) {}

  /** A run reached a final status. */
  default void runFinished(String workflow, RunStatus status) {}
}
