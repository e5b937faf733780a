package dev.cairn.db;

import java.util.List;
import java.util.UUID;

/**
 * A step row to insert with its run.
 *
 * @param queued true for a root step (no parents), which is queued at once
 * @param scheduleTimeoutMillis how long it may wait in the queue each time, or null for no limit
 */
public record NewStep(
    UUID runId,
    String workflowName,
    String stepName,
    List<String> parentNames,
    boolean onFailure,
    boolean queued,
    int priority,
    Long scheduleTimeoutMillis) {

  /** Parents to wait for; an on-failure step waits for one that never comes: it is queued explicitly. */
  int pendingParents() {
    return onFailure ? 1 : parentNames.size();
  }
}
