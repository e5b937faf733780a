package dev.cairn.db;

import java.util.Set;
import java.util.UUID;

/**
 * The runs a trigger starts leased to one holder as it inserts them (see {@code runInsertAll.sql}): their first
 * steps are RUNNING in attempt 1 when the insert commits, unless their workflow is paused.
 *
 * @param runs runs whose first steps are all free to run at once (no delay, keys, labels, routing or stickiness)
 */
public record DirectLease(String workerId, String holder, long leaseMillis, Set<UUID> runs) {
  public DirectLease {
    runs = Set.copyOf(runs);
  }
}
