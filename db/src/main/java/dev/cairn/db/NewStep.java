package dev.cairn.db;

import java.util.List;
import java.util.UUID;

/**
 * A step row to insert with its run.
 *
 * @param queued true for a root step (no parents), which is queued at once
 * @param scheduleTimeoutMillis how long it may wait in the queue each time, or null for no limit
 * @param flowKeys ids of its own keys (step-level concurrency and rate limits), or null for none
 * @param flowUnits the units it takes of each of {@code flowKeys} (1 for a concurrency key)
 * @param gateKey the key it queues behind until admitted (its run's first key, else its own first), or null
 * @param labelSig its worker-label requirement signature, or null
 * @param preferSig the signature of its preferred worker labels, or null
 */
public record NewStep(
    UUID runId,
    String workflowName,
    String stepName,
    List<String> parentNames,
    boolean onFailure,
    boolean queued,
    int priority,
    Long scheduleTimeoutMillis,
    List<Long> flowKeys,
    List<Integer> flowUnits,
    Long gateKey,
    String labelSig,
    String preferSig) {

  /** Parents to wait for; an on-failure step waits for one that never comes: it is queued explicitly. */
  int pendingParents() {
    return onFailure ? 1 : parentNames.size();
  }
}
