package dev.cairn.internal.execution;

import java.util.UUID;

/**
 * One attempt of one step, as whoever reports on it names it: the step, its run, the fence number of its lease,
 * and the lease holder writing on its behalf. The engine's store fences every write by all four.
 *
 * @param holder "token id/worker id" for a remote worker's attempt, "node/id" for an engine node's own, null when
 *     the engine acts on the attempt itself (sweepers) or on a worker, where the engine knows the holder
 */
public record AttemptId(long stepId, UUID runId, int attempt, String holder) {
  /** The same attempt, named by the engine itself (no holder check). */
  public AttemptId asEngine() {
    return holder == null ? this : new AttemptId(stepId, runId, attempt, null);
  }

  /** The same attempt, written on behalf of {@code leaseHolder}. */
  public AttemptId heldBy(String leaseHolder) {
    return new AttemptId(stepId, runId, attempt, leaseHolder);
  }
}
