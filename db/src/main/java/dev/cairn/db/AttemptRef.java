package dev.cairn.db;

import java.util.UUID;

/**
 * One attempt of one step, as a writer names it: the step, its run, the fence number of its lease, and who claims
 * to hold the lease. Every fenced statement matches all four.
 *
 * @param holder the lease holder writing on the attempt's behalf ("token/worker" for a remote worker, "node/id"
 *     for an engine node's own slots), or null for the engine's own bookkeeping (sweepers, reconciliation), which
 *     acts on an attempt whoever holds it
 */
public record AttemptRef(long id, UUID runId, int attempt, String holder) {
  /** The same attempt, named by the engine itself (no holder check). */
  public AttemptRef asEngine() {
    return holder == null ? this : new AttemptRef(id, runId, attempt, null);
  }
}
