package dev.cairn.internal.grpc;

import dev.cairn.internal.definition.RetryPolicy;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.proto.v1.WorkflowDefinition.Builder;
import io.grpc.Status;
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
    String workflow = proto.getName();
    if (workflow.isEmpty() || proto.getFingerprint().isEmpty() || proto.getStepsCount() == 0) {
      throw invalid("workflow '" + workflow + "' needs a name, a fingerprint and at least one step");
    }
    Map<String, StepDefinition> steps = new LinkedHashMap<>();
    StepDefinition onFailure = null;
    for (dev.cairn.proto.v1.StepDefinition step : proto.getStepsList()) {
      String where = "workflow " + workflow + ", step '" + step.getName() + "'";
      if (step.getName().isEmpty() || steps.containsKey(step.getName())) {
        throw invalid(where + ": empty or duplicate step name");
      }
      if (step.getTimeoutMs() <= 0 || step.getMaxAttempts() < 1 || step.getBackoffFactor() < 1
          || step.getJitter() < 0 || step.getJitter() > 1) {
        throw invalid(where + ": timeout_ms > 0, max_attempts >= 1, backoff_factor >= 1 and jitter in [0, 1]"
            + " are required");
      }
      StepDefinition definition = new StepDefinition(step.getName(), null, List.copyOf(step.getParentsList()),
          step.getOnFailure(), Duration.ofMillis(step.getTimeoutMs()),
          step.getScheduleTimeoutMs() == 0 ? null : Duration.ofMillis(step.getScheduleTimeoutMs()),
          new RetryPolicy(step.getMaxAttempts(), Duration.ofMillis(step.getInitialBackoffMs()), step.getBackoffFactor(),
              Duration.ofMillis(Math.max(step.getMaxBackoffMs(), step.getInitialBackoffMs())), step.getJitter(),
              List.of()),
          List.of(), null);
      if (step.getOnFailure()) {
        onFailure = definition;
      }
      steps.put(step.getName(), definition);
    }
    for (StepDefinition step : steps.values()) {
      for (String parent : step.parents()) {
        if (!steps.containsKey(parent) || steps.get(parent).onFailure()) {
          throw invalid("workflow " + workflow + ", step '" + step.name() + "': unknown parent '" + parent + "'");
        }
      }
    }
    com.fasterxml.jackson.databind.JsonNode shape = null;
    if (!proto.getInputShapeJson().isEmpty()) {
      try {
        shape = new com.fasterxml.jackson.databind.ObjectMapper().readTree(proto.getInputShapeJson());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw invalid("workflow " + workflow + ": input_shape_json is not JSON: " + e.getOriginalMessage());
      }
    }
    return new WorkflowDefinition(workflow, null, order(workflow, steps), Map.copyOf(steps),
        Optional.ofNullable(onFailure), proto.getFingerprint(), shape);
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

  private static io.grpc.StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }
}
