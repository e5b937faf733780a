package dev.cairn.internal.grpc;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.RunRow;
import dev.cairn.db.StepRow;
import dev.cairn.db.Store;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a session needs to take over an attempt a reconnecting worker still runs. */
record AdoptedStep(String workflowName, String stepName, int failures) {
  /** The steps of the given attempts that exist, by step id. */
  static Map<Long, AdoptedStep> load(Store store, List<AttemptRef> attempts) {
    if (attempts.isEmpty()) {
      return Map.of();
    }
    List<UUID> runIds = attempts.stream().map(AttemptRef::runId).distinct().toList();
    Map<UUID, String> workflowOfRun = new HashMap<>();
    store.runListByIds(runIds).forEach((RunRow run) -> workflowOfRun.put(run.id(), run.workflowName()));
    Map<Long, AdoptedStep> steps = new HashMap<>();
    for (StepRow step : store.stepListByRuns(runIds)) {
      steps.put(step.id(), new AdoptedStep(workflowOfRun.get(step.runId()), step.stepName(), step.failures()));
    }
    return steps;
  }
}
