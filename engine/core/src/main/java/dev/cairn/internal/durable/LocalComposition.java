package dev.cairn.internal.durable;

import dev.cairn.ChildSpec;
import dev.cairn.db.ChildParent;
import dev.cairn.db.RunRow;
import dev.cairn.db.StepRow;
import dev.cairn.db.Store;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.CompositionBackend;
import dev.cairn.internal.execution.OperationRecord;
import dev.cairn.internal.runs.Triggerer;
import dev.cairn.internal.store.StoreTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable operations against this node's database, for this node's own attempts and, through the worker service,
 * for remote workers' attempts. Every operation is fenced by the caller's attempt and lease holder in the statement
 * that reads or writes (see the SQL files), so a worker can act only for the attempts leased to it. Thread-safe.
 */
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
  public OperationRecord recordOperation(AttemptId caller, int seq, String kind, String signature, long delayMillis,
      long lookbackMillis) {
    return store.composition().stepOpRecord(StoreTypes.ref(caller), seq, kind, signature, delayMillis,
        lookbackMillis).map(StoreTypes::operation).orElseThrow(() -> notHeld(caller));
  }

  @Override
  public String setOperationResult(AttemptId caller, int seq, String resultJson) {
    return store.composition().stepOpSetResult(StoreTypes.ref(caller), seq, resultJson)
        .orElseThrow(() -> notHeld(caller));
  }

  @Override
  public int countOperations(AttemptId caller) {
    return store.composition().stepOpCount(StoreTypes.ref(caller)).orElseThrow(() -> notHeld(caller));
  }

  @Override
  public List<UUID> startChildren(AttemptId parent, String workflowName, List<ChildSpec> children,
      Map<String, String> metadata) {
    return triggerer.startChildren(new ChildParent(parent.runId(), parent.stepId(), parent.attempt(),
        parent.holder()), workflowName, children, metadata, 0);
  }

  @Override
  public List<ChildState> children(AttemptId caller, List<UUID> runIds) {
    if (!store.stepIsHeld(StoreTypes.ref(caller))) {
      throw notHeld(caller);
    }
    Map<UUID, RunRow> runs = new HashMap<>();
    for (RunRow run : store.runListChildren(caller.stepId(), runIds)) {
      runs.put(run.id(), run);
    }
    Map<UUID, Map<String, String>> outputs = new HashMap<>();
    if (runs.values().stream().anyMatch(run -> run.status().equals("SUCCEEDED"))) {
      for (StepRow step : store.stepListByRuns(runs.keySet())) {
        outputs.computeIfAbsent(step.runId(), id -> new HashMap<>()).put(step.stepName(), step.outputJson());
      }
    }
    List<ChildState> states = new ArrayList<>(runIds.size());
    for (UUID id : runIds) {
      RunRow run = runs.get(id);
      if (run == null) {
        throw new IllegalArgumentException("run_ids: run " + id + " is not a child run of step " + caller.stepId());
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
  public Optional<String> findPushedEvent(AttemptId caller, String key, Instant since) {
    if (!store.stepIsHeld(StoreTypes.ref(caller))) {
      throw notHeld(caller);
    }
    return store.composition().pushedEventFindFirst(key, since);
  }

  private static IllegalStateException notHeld(AttemptId caller) {
    return new IllegalStateException("attempt " + caller.attempt() + " of step " + caller.stepId() + " in run "
        + caller.runId() + " is not current, not running, or not leased to this caller (token/worker_id "
        + caller.holder() + ")");
  }
}
