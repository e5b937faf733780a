package dev.cairn.internal.composition;

import dev.cairn.ChildHandle;
import dev.cairn.ChildRunFailedException;
import dev.cairn.RunStatus;
import dev.cairn.db.RunRow;
import dev.cairn.db.StepRow;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the results of child runs: whether all are final, and their terminal steps' outputs. Thread-safe. */
final class ChildOutputs {
  private final Store store;
  private final WorkflowRegistry registry;
  private final PayloadCodec codec;

  ChildOutputs(Store store, WorkflowRegistry registry, PayloadCodec codec) {
    this.store = store;
    this.registry = registry;
    this.codec = codec;
  }

  /** Null while any child is unfinished; else the outputs in order. @throws ChildRunFailedException */
  <T> List<T> outputsIfFinished(List<ChildHandle> children, Class<T> type) {
    List<UUID> ids = children.stream().map(ChildHandle::runId).toList();
    Map<UUID, RunRow> runs = new HashMap<>();
    for (RunRow run : store.runListByIds(ids)) {
      runs.put(run.id(), run);
    }
    for (ChildHandle child : children) {
      RunRow run = runs.get(child.runId());
      if (run == null) {
        throw new IllegalStateException("child run " + child.runId() + " (key '" + child.key() + "') does not exist");
      }
      if (!RunStatus.valueOf(run.status()).isFinal()) {
        return null;
      }
    }
    for (ChildHandle child : children) {
      RunRow run = runs.get(child.runId());
      RunStatus status = RunStatus.valueOf(run.status());
      if (status != RunStatus.SUCCEEDED) {
        throw new ChildRunFailedException(run.id(), run.workflowName(), child.key(), status, run.error());
      }
    }
    Map<UUID, Map<String, String>> outputs = new HashMap<>();
    for (StepRow step : store.stepListByRuns(ids)) {
      outputs.computeIfAbsent(step.runId(), id -> new HashMap<>()).put(step.stepName(), step.outputJson());
    }
    List<T> results = new ArrayList<>(children.size());
    for (ChildHandle child : children) {
      String terminal = terminalStep(runs.get(child.runId()).workflowName());
      results.add(codec.decode(outputs.get(child.runId()).get(terminal), type));
    }
    return results;
  }

  private String terminalStep(String workflowName) {
    WorkflowDefinition workflow = registry.get(workflowName);
    List<StepDefinition> terminal = workflow.terminalSteps();
    if (terminal.size() != 1) {
      throw new IllegalStateException("child workflow " + workflowName + " has " + terminal.size()
          + " terminal steps; a child's output is its single terminal step's output");
    }
    return terminal.get(0).name();
  }
}
