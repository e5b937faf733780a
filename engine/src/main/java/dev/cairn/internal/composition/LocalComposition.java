package dev.cairn.internal.composition;

import dev.cairn.ChildSpec;
import dev.cairn.db.ChildParent;
import dev.cairn.db.RunRow;
import dev.cairn.db.StepOp;
import dev.cairn.db.StepRow;
import dev.cairn.db.Store;
import dev.cairn.internal.client.Triggerer;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Durable operations against this node's database. Thread-safe. */
public final class LocalComposition implements CompositionBackend {
  private final Store store;
  private final Triggerer triggerer;
  private final WorkflowRegistry registry;

  public LocalComposition(Store store, Triggerer triggerer, WorkflowRegistry registry) {
    this.store = store;
    this.triggerer = triggerer;
    this.registry = registry;
  }

  @Override
  public StepOp recordOperation(long stepId, int seq, String kind, String signature, long delayMillis,
      long lookbackMillis) {
    return store.composition().stepOpRecord(stepId, seq, kind, signature, delayMillis, lookbackMillis);
  }

  @Override
  public String setOperationResult(long stepId, int seq, String resultJson) {
    return store.composition().stepOpSetResult(stepId, seq, resultJson);
  }

  @Override
  public int countOperations(long stepId) {
    return store.composition().stepOpCount(stepId);
  }

  @Override
  public List<UUID> startChildren(ChildParent parent, String workflowName, List<ChildSpec> children,
      Map<String, String> metadata) {
    return triggerer.startChildren(parent, workflowName, children, metadata, 0);
  }

  @Override
  public List<ChildState> children(List<UUID> runIds) {
    Map<UUID, RunRow> runs = new HashMap<>();
    for (RunRow run : store.runListByIds(runIds)) {
      runs.put(run.id(), run);
    }
    Map<UUID, Map<String, String>> outputs = new HashMap<>();
    if (runs.values().stream().anyMatch(run -> run.status().equals("SUCCEEDED"))) {
      for (StepRow step : store.stepListByRuns(runIds)) {
        outputs.computeIfAbsent(step.runId(), id -> new HashMap<>()).put(step.stepName(), step.outputJson());
      }
    }
    List<ChildState> states = new ArrayList<>(runIds.size());
    for (UUID id : runIds) {
      RunRow run = runs.get(id);
      if (run == null) {
        throw new IllegalStateException("child run " + id + " does not exist");
      }
      String output = run.status().equals("SUCCEEDED")
          ? outputs.getOrDefault(id, Map.of()).get(terminalStep(run.workflowName())) : null;
      states.add(new ChildState(id, run.workflowName(), run.status(), run.error(), output));
    }
    return states;
  }

  private String terminalStep(String workflowName) {
    List<StepDefinition> terminal = registry.get(workflowName).terminalSteps();
    if (terminal.size() != 1) {
      throw new IllegalStateException("child workflow " + workflowName + " has " + terminal.size()
          + " terminal steps; a child's output is its single terminal step's output");
    }
    return terminal.get(0).name();
  }

  @Override
  public Optional<String> findPushedEvent(String key, Instant since) {
    return store.composition().pushedEventFindFirst(key, since);
  }
}
