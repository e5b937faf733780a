package dev.cairn.internal.grpc;

import dev.cairn.internal.definition.RetryPolicy;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.proto.v1.WorkflowDefinition.Builder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.internal.validate.JsonText;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import io.grpc.StatusRuntimeException;
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
 * is validated like a local one (names, unknown parents, cycles, timeouts) and refused with INVALID_ARGUMENT
 * naming the workflow, the step and the problem. Stateless.
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
      proto.addSteps(dev.cairn.proto.v1.StepDefinition.newBuilder().setName(step.name()).addAllParents(step.parents())
          .setOnFailure(step.onFailure()).setTimeoutMs(step.timeout().toMillis())
          .setScheduleTimeoutMs(step.scheduleTimeout() == null ? 0 : step.scheduleTimeout().toMillis())
          .setMaxAttempts(retry.maxAttempts()).setInitialBackoffMs(retry.initialBackoff().toMillis())
          .setBackoffFactor(retry.factor()).setMaxBackoffMs(retry.maxBackoff().toMillis()).setJitter(retry.jitter()));
    }
    return proto.build();
  }

  /** The engine form of a worker's definition: no instance, no methods; steps in a topological order. */
  public static WorkflowDefinition fromProto(dev.cairn.proto.v1.WorkflowDefinition proto) {
    String workflow = Text.name("workflow name", proto.getName());
    String where = "workflow " + Text.quote(workflow);
    Text.name(where + " fingerprint", proto.getFingerprint(), 200);
    if (proto.getStepsCount() == 0 || proto.getStepsCount() > MAX_STEPS) {
      throw invalid(where + " needs 1.." + MAX_STEPS + " steps, got " + proto.getStepsCount());
    }
    Map<String, StepDefinition> steps = new LinkedHashMap<>();
    StepDefinition onFailure = null;
    for (dev.cairn.proto.v1.StepDefinition step : proto.getStepsList()) {
      StepDefinition definition = step(where, step);
      if (steps.containsKey(definition.name())) {
        throw invalid(where + ": step " + Text.quote(definition.name()) + " is defined twice");
      }
      if (definition.onFailure()) {
        if (onFailure != null) {
          throw invalid(where + ": steps " + Text.quote(onFailure.name()) + " and " + Text.quote(definition.name())
              + " are both on-failure steps; at most one is allowed");
        }
        onFailure = definition;
      }
      steps.put(definition.name(), definition);
    }
    for (StepDefinition step : steps.values()) {
      for (String parent : step.parents()) {
        if (!steps.containsKey(parent) || steps.get(parent).onFailure()) {
          throw invalid(where + ", step " + Text.quote(step.name()) + ": unknown parent " + Text.quote(parent));
        }
      }
    }
    JsonNode shape = null;
    if (!proto.getInputShapeJson().isEmpty()) {
      try {
        shape = SHAPES.readTree(JsonText.check(where + " input_shape_json", proto.getInputShapeJson()));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw invalid(where + ": input_shape_json is not JSON");
      }
    }
    return new WorkflowDefinition(workflow, null, order(workflow, steps), Map.copyOf(steps),
        Optional.ofNullable(onFailure), proto.getFingerprint(), shape);
  }

  /** One step, every field range-checked (as the annotation path checks a local definition). */
  private static StepDefinition step(String workflow, dev.cairn.proto.v1.StepDefinition step) {
    String where = workflow + ", step " + Text.quote(step.getName());
    Text.name(workflow + " step name", step.getName());
    step.getParentsList().forEach(parent -> Text.name(where + " parent", parent));
    try {
      Duration timeout = Ranges.millis("timeout_ms", step.getTimeoutMs(), Duration.ofMillis(1),
          Ranges.MAX_STEP_TIMEOUT);
      Duration scheduleTimeout = step.getScheduleTimeoutMs() == 0 ? null : Ranges.millis("schedule_timeout_ms",
          step.getScheduleTimeoutMs(), Duration.ofMillis(1), Ranges.MAX_SCHEDULE_TIMEOUT);
      int maxAttempts = (int) Ranges.between("max_attempts", step.getMaxAttempts(), 1, Ranges.MAX_ATTEMPTS);
      Duration initial = Ranges.millis("initial_backoff_ms", step.getInitialBackoffMs(), Duration.ZERO,
          Ranges.MAX_BACKOFF);
      double factor = Ranges.between("backoff_factor", step.getBackoffFactor(), 1, Ranges.MAX_BACKOFF_FACTOR);
      Duration max = Ranges.millis("max_backoff_ms", step.getMaxBackoffMs(), Duration.ZERO, Ranges.MAX_BACKOFF);
      double jitter = Ranges.between("jitter", step.getJitter(), 0, 1);
      return new StepDefinition(step.getName(), null, List.copyOf(step.getParentsList()), step.getOnFailure(),
          timeout, scheduleTimeout,
          new RetryPolicy(maxAttempts, initial, factor, max.compareTo(initial) < 0 ? initial : max, jitter, List.of()),
          List.of(), null);
    } catch (IllegalArgumentException e) {
      throw invalid(where + ": " + e.getMessage());
    }
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
      throw invalid("workflow " + workflow + ": the steps' parents form a cycle");
    }
    return ordered;
  }

  private static StatusRuntimeException invalid(String message) {
    return Statuses.invalid(message);
  }
}
