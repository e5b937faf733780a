package dev.cairn.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated workflow: its steps in a topological order, the on-failure step if any, and a fingerprint of the
 * definition (names, edges, types, version) that changes whenever the shape of the workflow does.
 *
 * @param instance null for a workflow known from a remote worker
 * @param inputShape the run input's shape ({@link InputShape}), checked for remote workflows; null if unchecked
 * @param flow run-level concurrency limits and sticky assignment ({@link RunFlow#NONE} for none)
 * @param lifecycle the declared schedule, event triggers and retention ({@link Lifecycle#NONE} for none)
 * @param type the class the definition was read from; null for a workflow known from a remote worker
 */
public record WorkflowDefinition(
    String name,
    Object instance,
    List<StepDefinition> steps,
    Map<String, StepDefinition> stepsByName,
    Optional<StepDefinition> onFailureStep,
    String fingerprint,
    JsonNode inputShape,
    RunFlow flow,
    Lifecycle lifecycle,
    Class<?> type) {

  /** True for a workflow registered as an instance on this node; false for one known from a remote worker. */
  public boolean isLocal() {
    return instance != null;
  }

  public StepDefinition step(String stepName) {
    StepDefinition step = stepsByName.get(stepName);
    if (step == null) {
      throw new IllegalArgumentException("workflow " + name + " has no step '" + stepName + "'");
    }
    return step;
  }

  /** Whether any step or the runs themselves have flow control (keys, rate limits, labels, stickiness). */
  public boolean hasFlowControl() {
    return !flow.concurrency().isEmpty() || flow.sticky() != Workflow.Sticky.NONE
        || steps.stream().anyMatch(step -> !step.flow().isEmpty());
  }

  /**
   * Whether the success of {@code stepName} ends a run by itself: it is the one terminal step (so every other step
   * precedes it), there is no on-failure step to skip, and no flow control whose keys the run's end gives back.
   */
  public boolean endsWith(String stepName) {
    if (onFailureStep.isPresent() || hasFlowControl()) {
      return false;
    }
    List<StepDefinition> terminal = terminalSteps();
    return terminal.size() == 1 && terminal.get(0).name().equals(stepName);
  }

  /** Steps no other step names as parent (excluding the on-failure step): the ends of the DAG. */
  public List<StepDefinition> terminalSteps() {
    return steps.stream()
        .filter(step -> !step.onFailure())
        .filter(step -> steps.stream().noneMatch(other -> other.parents().contains(step.name())))
        .toList();
  }
}
