package dev.cairn.internal.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.cairn.CairnException;
import dev.cairn.ChildSpec;
import dev.cairn.TriggerOptions;
import dev.cairn.db.ChildParent;
import dev.cairn.db.IdempotentRun;
import dev.cairn.db.NewEvent;
import dev.cairn.db.NewRun;
import dev.cairn.db.NewStep;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.codec.PayloadException;
import dev.cairn.internal.completion.Channels;
import dev.cairn.internal.completion.EventTypes;
import dev.cairn.internal.definition.ParamBinding;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Inserts new runs with their step rows and first events in one statement. Input that does not fit the
 * workflow's input type and unknown workflows are refused before anything is written. Thread-safe.
 */
public final class Triggerer {
  /** One run to start. */
  public record Request(String workflowName, Object input, TriggerOptions options) {}

  private final Store store;
  private final PayloadCodec codec;
  private final WorkflowRegistry registry;
  private final Channels channels;
  private final java.util.function.IntConsumer onQueued;
  private final QueueStatistics statistics;

  public Triggerer(Store store, PayloadCodec codec, WorkflowRegistry registry, Channels channels,
      java.util.function.IntConsumer onQueued) {
    this.store = store;
    this.codec = codec;
    this.registry = registry;
    this.channels = channels;
    this.onQueued = onQueued;
    this.statistics = new QueueStatistics(store);
  }

  /** Returns one run id per request, in order; a request whose idempotency key exists gets the existing run. */
  public List<UUID> triggerAll(List<Request> requests) {
    return insert(requests, null, null);
  }

  /**
   * Starts child runs of a step attempt; returns their ids in order, existing children for keys started before.
   *
   * @throws IllegalStateException if the parent attempt is no longer current (nothing was started)
   */
  public List<UUID> startChildren(ChildParent parent, String workflowName, List<ChildSpec> children,
      Map<String, String> metadata, int priority) {
    TriggerOptions options = TriggerOptions.builder().metadata(metadata).priority(priority).build();
    List<Request> requests = new ArrayList<>(children.size());
    List<String> keys = new ArrayList<>(children.size());
    for (ChildSpec child : children) {
      requests.add(new Request(workflowName, child.input(), options));
      keys.add(child.key());
    }
    return insert(requests, parent, keys);
  }

  private List<UUID> insert(List<Request> requests, ChildParent parent, List<String> childKeys) {
    List<NewRun> runs = new ArrayList<>(requests.size());
    List<NewStep> steps = new ArrayList<>();
    List<NewEvent> events = new ArrayList<>();
    for (Request request : requests) {
      WorkflowDefinition workflow = registry.get(request.workflowName());
      String inputJson = encodeInput(workflow, request.input());
      UUID id = RunIds.next();
      TriggerOptions options = request.options();
      long seq = 0;
      events.add(new NewEvent(id, ++seq, EventTypes.RUN_QUEUED, null));
      for (StepDefinition step : workflow.steps()) {
        boolean root = step.parents().isEmpty() && !step.onFailure();
        steps.add(new NewStep(id, workflow.name(), step.name(), step.parents(), step.onFailure(), root,
            options.priority(), step.scheduleTimeout() == null ? null : step.scheduleTimeout().toMillis()));
        if (root) {
          events.add(new NewEvent(id, ++seq, EventTypes.STEP_QUEUED, step.name()));
        }
      }
      runs.add(new NewRun(id, workflow.name(), inputJson, codec.encode(options.metadata()), options.idempotencyKey(),
          options.priority(), seq, childKeys == null ? null : childKeys.get(runs.size()), workflow.fingerprint()));
    }
    Set<UUID> inserted =
        new HashSet<>(store.runInsertAll(runs, steps, events, parent, channels.wake(), channels.events()));
    // A run skipped for its key was committed by another transaction (the insert waited for it).
    List<UUID> ids = new ArrayList<>(runs.size());
    if (parent != null) {
      if (inserted.size() != runs.size() && !store.stepIsHeld(parent.ref())) {
        // Nothing was inserted because the fence refused the caller: it learns nothing about existing children.
        throw new IllegalStateException("cannot start children: step attempt " + parent.attempt() + " of run "
            + parent.runId() + " is not current, not running, or not leased to its caller");
      }
      Map<String, UUID> existing = inserted.size() == runs.size() ? Map.of()
          : store.runFindChildren(parent.stepId(), childKeys);
      for (NewRun run : runs) {
        UUID id = inserted.contains(run.id()) ? run.id() : existing.get(run.childKey());
        if (id == null) {
          throw new IllegalStateException("cannot start child '" + run.childKey() + "': step attempt "
              + parent.attempt() + " of run " + parent.runId() + " is no longer current");
        }
        ids.add(id);
      }
    } else {
      Map<String, UUID> existing = inserted.size() == runs.size() ? Map.of() : existingRuns(runs, inserted);
      for (NewRun run : runs) {
        ids.add(inserted.contains(run.id()) ? run.id() : existing.get(key(run.workflowName(), run.idempotencyKey())));
      }
    }
    long queued = events.stream()
        .filter(event -> event.type().equals(EventTypes.STEP_QUEUED) && inserted.contains(event.runId())).count();
    if (queued > 0) {
      onQueued.accept((int) queued);
    }
    statistics.stepsInserted(steps.size());
    return ids;
  }

  private Map<String, UUID> existingRuns(List<NewRun> runs, Set<UUID> inserted) {
    List<String> workflows = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (NewRun run : runs) {
      if (!inserted.contains(run.id())) {
        workflows.add(run.workflowName());
        keys.add(run.idempotencyKey());
      }
    }
    Map<String, UUID> existing = new HashMap<>();
    for (IdempotentRun run : store.runFindByIdempotencyKeys(workflows, keys)) {
      existing.put(key(run.workflowName(), run.idempotencyKey()), run.id());
    }
    return existing;
  }

  private static String key(String workflow, String idempotencyKey) {
    return workflow + '\u0000' + idempotencyKey;
  }

  private String encodeInput(WorkflowDefinition workflow, Object input) {
    String json = codec.encode(input);
    if (!workflow.isLocal() && workflow.inputShape() != null) {
      String misfit = dev.cairn.internal.definition.InputShape.misfit(
          codec.decode(json, com.fasterxml.jackson.databind.JsonNode.class), workflow.inputShape());
      if (misfit != null) {
        throw new CairnException("input for workflow " + workflow.name() + " does not fit its input type: " + misfit);
      }
    }
    for (StepDefinition step : workflow.steps()) {
      for (ParamBinding binding : step.bindings()) {
        if (binding instanceof ParamBinding.Input in) {
          checkFits(workflow, json, in.type());
        }
      }
    }
    return json;
  }

  private void checkFits(WorkflowDefinition workflow, String json, JavaType type) {
    try {
      codec.decode(json, type);
    } catch (PayloadException e) {
      throw new CairnException("input for workflow " + workflow.name() + " does not fit its input type "
          + type.toCanonical() + ": " + e.getMessage(), e);
    }
  }
}
