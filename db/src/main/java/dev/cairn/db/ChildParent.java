package dev.cairn.db;

import java.util.UUID;

/**
 * The parent of child runs being inserted: its run, and the step attempt that starts them (the fence).
 *
 * @param holder the lease holder starting them, or null for the engine itself
 */
public record ChildParent(UUID runId, long stepId, int attempt, String holder) {
  /** The attempt that starts the children. */
  public AttemptRef ref() {
    return new AttemptRef(stepId, runId, attempt, holder);
  }
}
