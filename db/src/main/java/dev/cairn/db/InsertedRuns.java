package dev.cairn.db;

import java.util.List;
import java.util.UUID;

/**
 * What {@link Store#runInsertAll} inserted: the ids of the runs (a run skipped for its idempotency or child key is
 * absent) and the first steps it leased at once under a {@link DirectLease}.
 */
public record InsertedRuns(List<UUID> ids, List<ClaimedStep> leased) {
  public InsertedRuns {
    ids = List.copyOf(ids);
    leased = List.copyOf(leased);
  }
}
