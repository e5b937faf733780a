package dev.cairn.internal.flow;

import dev.cairn.internal.definition.LabelRule;
import dev.cairn.internal.definition.StepFlow;
import dev.cairn.internal.definition.WorkflowDefinition;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step's required worker labels as one string ({@code memory_gb>=8;pool=cpu-heavy}, sorted), stored on the step:
 * a claim takes only steps whose signature the claiming worker meets, like the definition fingerprints.
 */
public final class LabelSignature {
  private LabelSignature() {}

  /** The signature of a step's required labels, or null when it requires none. */
  public static String of(StepFlow flow) {
    return signature(flow, true);
  }

  /** The signature of a step's preferred labels, or null when it prefers none. */
  public static String preferred(StepFlow flow) {
    return signature(flow, false);
  }

  private static String signature(StepFlow flow, boolean required) {
    if (flow.labels().isEmpty()) {
      return null; // most steps, at every trigger
    }
    List<String> rules = flow.labels().stream().filter(rule -> rule.required() == required).map(LabelRule::toString)
        .sorted().toList();
    return rules.isEmpty() ? null : String.join(";", rules);
  }

  /** How much of a step's preferences a worker with {@code labels} meets: the weights of the preferred labels it has. */
  public static int score(StepFlow flow, Map<String, String> labels) {
    return flow.labels().stream().filter(rule -> !rule.required() && rule.metBy(labels)).mapToInt(LabelRule::weight)
        .sum();
  }

  /**
   * The preferred-label signatures, among the steps of {@code workflows}, for which some pool in {@code others}
   * scores higher than a pool with {@code labels}: that pool takes such steps only after they waited a while.
   */
  public static Set<String> outranked(Map<String, String> labels, Collection<WorkflowDefinition> workflows,
      Collection<Map<String, String>> others) {
    Set<String> later = new LinkedHashSet<>();
    for (WorkflowDefinition workflow : workflows) {
      for (var step : workflow.steps()) {
        String signature = preferred(step.flow());
        if (signature != null) {
          int mine = score(step.flow(), labels);
          if (others.stream().anyMatch(other -> score(step.flow(), other) > mine)) {
            later.add(signature);
          }
        }
      }
    }
    return later;
  }

  /** The signatures, among the steps of {@code workflows}, that a worker with {@code labels} meets. */
  public static Set<String> metBy(Map<String, String> labels, Collection<WorkflowDefinition> workflows) {
    Set<String> met = new LinkedHashSet<>();
    for (WorkflowDefinition workflow : workflows) {
      workflow.steps().forEach(step -> {
        String signature = of(step.flow());
        if (signature != null && step.flow().labels().stream().filter(LabelRule::required)
            .allMatch(rule -> rule.metBy(labels))) {
          met.add(signature);
        }
      });
    }
    return met;
  }
}
