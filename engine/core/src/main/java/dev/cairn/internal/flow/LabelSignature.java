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
    List<String> required = flow.labels().stream().filter(LabelRule::required).map(LabelRule::toString).sorted()
        .toList();
    return required.isEmpty() ? null : String.join(";", required);
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
