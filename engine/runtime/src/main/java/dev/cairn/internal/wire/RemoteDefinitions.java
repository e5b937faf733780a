package dev.cairn.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.internal.codec.JsonText;
import dev.cairn.internal.definition.RetryPolicy;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import dev.cairn.proto.v1.WorkflowDefinition.Builder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts workflow definitions between the engine and the worker protocol. A definition received from a worker
 * is validated like a local one (names, unknown parents, cycles, ranges) and refused with an
 * IllegalArgumentException naming the field, the workflow and the problem (INVALID_ARGUMENT over gRPC). Stateless.
 */
public final class RemoteDefinitions {
  /** Most steps in one workflow. */
  static final int MAX_STEPS = 1000;
  private static final ObjectMapper SHAPES = new ObjectMapper();

  private RemoteDefinitions() {}

  /** The protocol form of a local definition, as a worker sends it. */
  public static dev.cairn.proto.v1.WorkflowDefinition toProto(WorkflowDefinition definition) {
    Builder proto = dev.cairn.proto.v1.WorkflowDefinition.newBuilder().setName(definition.name())
        .setFingerprint(definition.fingerprint())
        .setInputShapeJson(definition.inputShape() == null ? "" : definition.inputShape().toString());
    for (StepDefinition step : definition.steps()) {
      RetryPolicy retry = step.retryPolicy();
      dev.cairn.proto.v1.StepDefinition.Builder stepProto = dev.cairn.proto.v1.StepDefinition.newBuilder()
          .setName(step.name()).addAllParents(step.parents())
          .setOnFailure(step.onFailure()).setTimeoutMs(step.timeout().toMillis())
          .setScheduleTimeoutMs(step.scheduleTimeout() == null ? 0 : step.scheduleTimeout().toMillis())
          .setMaxAttempts(retry.maxAttempts()).setInitialBackoffMs(retry.initialBackoff().toMillis())
          .setBackoffFactor(retry.factor()).setMaxBackoffMs(retry.maxBackoff().toMillis()).setJitter(retry.jitter());
      FlowWire.toProto(step.flow(), stepProto);
      proto.addSteps(stepProto);
    }
    FlowWire.toProto(definition.flow(), proto);
    // Always set, even when it declares nothing: its presence says the worker knows declarations, so the engine
    // may remove what the workflow declared before (a worker built before them sends none, and changes nothing).
    proto.setLifecycle(LifecycleWire.toProto(definition.lifecycle()));
    return proto.build();
  }

  /**
   * The engine form of a worker's definition: no instance, no methods; steps in a topological order.
   *
   * @throws IllegalArgumentException naming the field of the definition that is wrong ({@code name},
   *     {@code steps[2].timeout_ms}, ...), with the workflow's name for a reader
   */
  public static WorkflowDefinition fromProto(dev.cairn.proto.v1.WorkflowDefinition proto) {
    String workflow = Text.name("name", proto.getName());
    String where = "(workflow " + Text.quote(workflow) + ") ";
    Text.name(where + "fingerprint", proto.getFingerprint(), 200);
    if (proto.getStepsCount() == 0 || proto.getStepsCount() > MAX_STEPS) {
      throw new IllegalArgumentException(where + "steps: 1.." + MAX_STEPS + " are needed, got "
          + proto.getStepsCount());
    }
    JsonNode inputShape = shape(where, proto.getInputShapeJson());
    Map<String, StepDefinition> steps = new LinkedHashMap<>();
    StepDefinition onFailure = null;
    int onFailureIndex = -1;
    for (int i = 0; i < proto.getStepsCount(); i++) {
      String field = where + "steps[" + i + "].";
      StepDefinition definition = step(field, workflow, proto.getSteps(i), inputShape);
      if (steps.containsKey(definition.name())) {
        throw new IllegalArgumentException(field + "name " + Text.quote(definition.name()) + " is defined twice");
      }
      if (definition.onFailure()) {
        if (onFailure != null) {
          throw new IllegalArgumentException(where + "steps[" + onFailureIndex + "].on_failure and steps[" + i
              + "].on_failure are both set; at most one step is the on-failure step");
        }
        onFailure = definition;
        onFailureIndex = i;
      }
      steps.put(definition.name(), definition);
    }
    for (int i = 0; i < proto.getStepsCount(); i++) {
      for (String parent : proto.getSteps(i).getParentsList()) {
        if (!steps.containsKey(parent) || steps.get(parent).onFailure()) {
          throw new IllegalArgumentException(where + "steps[" + i + "].parents: unknown parent " + Text.quote(parent));
        }
      }
    }
    return new WorkflowDefinition(workflow, null, order(workflow, steps), Map.copyOf(steps),
        Optional.ofNullable(onFailure), proto.getFingerprint(), inputShape,
        FlowWire.runFlow(where, workflow, proto, inputShape), LifecycleWire.fromProto(where, proto.getLifecycle()), null);
  }

  private static JsonNode shape(String where, String json) {
    if (json.isEmpty()) {
      return null;
    }
    try {
      return SHAPES.readTree(JsonText.check(where + "input_shape_json", json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + "input_shape_json is not JSON");
    }
  }

  /** One step, every field range-checked (as the annotation path checks a local definition). */
  private static StepDefinition step(String field, String workflow, dev.cairn.proto.v1.StepDefinition step,
      JsonNode inputShape) {
    Text.name(field + "name", step.getName());
    step.getParentsList().forEach(parent -> Text.name(field + "parents", parent));
    Duration timeout = Ranges.millis(field + "timeout_ms", step.getTimeoutMs(), Duration.ofMillis(1),
        Ranges.MAX_STEP_TIMEOUT);
    Duration scheduleTimeout = step.getScheduleTimeoutMs() == 0 ? null : Ranges.millis(field + "schedule_timeout_ms",
        step.getScheduleTimeoutMs(), Duration.ofMillis(1), Ranges.MAX_SCHEDULE_TIMEOUT);
    int maxAttempts = (int) Ranges.between(field + "max_attempts", step.getMaxAttempts(), 1, Ranges.MAX_ATTEMPTS);
    Duration initial = Ranges.millis(field + "initial_backoff_ms", step.getInitialBackoffMs(), Duration.ZERO,
        Ranges.MAX_BACKOFF);
    double factor = Ranges.between(field + "backoff_factor", step.getBackoffFactor(), 1, Ranges.MAX_BACKOFF_FACTOR);
    Duration max = Ranges.millis(field + "max_backoff_ms", step.getMaxBackoffMs(), Duration.ZERO, Ranges.MAX_BACKOFF);
    double jitter = Ranges.between(field + "jitter", step.getJitter(), 0, 1);
    return new StepDefinition(step.getName(), null, List.copyOf(step.getParentsList()), step.getOnFailure(), timeout,
        scheduleTimeout,
        new RetryPolicy(maxAttempts, initial, factor, max.compareTo(initial) < 0 ? initial : max, jitter, List.of()),
        List.of(), null, FlowWire.stepFlow(field, workflow, step, inputShape));
  }

  private static List<StepDefinition> order(String workflow, Map<String, StepDefinition> steps) {
    List<StepDefinition> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    boolean progress = true;
    while (progress && ordered.size() < steps.size()) {
      progress = false;
      for (StepDefinition step : steps.values()) {
        if (!done.contains(step.name()) && done.containsAll(step.parents())) {
          ordered.add(step);
          done.add(step.name());
          progress = true;
        }
      }
    }
    if (ordered.size() < steps.size()) {
      throw new IllegalArgumentException("(workflow " + Text.quote(workflow) + ") steps: their parents form a cycle");
    }
    return ordered;
  }

}
