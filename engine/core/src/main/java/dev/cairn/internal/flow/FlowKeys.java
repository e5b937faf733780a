package dev.cairn.internal.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.db.FlowStore.KeySpec;
import dev.cairn.db.FlowStore;
import dev.cairn.internal.definition.ConcurrencyRule;
import dev.cairn.internal.definition.RateRule;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes the keys of a run when it is triggered (from its input and metadata) and turns them into key ids,
 * creating key rows on first use. Ids are cached (keys are never deleted); a rule whose limit differs from what
 * the database holds (a new deployment) is updated once per process. Thread-safe.
 */
public final class FlowKeys {
  /** Most key ids remembered; beyond it the cache is cleared (ids are looked up again, nothing is lost). */
  private static final int MAX_CACHED = 100_000;

  /** The keys of one run: its run-level keys, and each step's own keys with the units it takes of each. */
  public record RunKeys(List<Long> runKeys, Map<String, StepKeys> steps) {
    public static final RunKeys NONE = new RunKeys(List.of(), Map.of());

    public StepKeys step(String name) {
      return steps.getOrDefault(name, StepKeys.NONE);
    }
  }

  /** One step's own keys and the units of each (1 for a concurrency key). */
  public record StepKeys(List<Long> keys, List<Integer> units) {
    public static final StepKeys NONE = new StepKeys(List.of(), List.of());
  }

  /** The limits, per rule, this node has made sure the database holds. */
  private record Limit(Integer maxUnits, Long periodMs) {}

  private final FlowStore store;
  private final Map<KeySpecKey, Long> ids = new ConcurrentHashMap<>();
  private final Map<String, Limit> limits = new ConcurrentHashMap<>();

  private record KeySpecKey(String rule, String key) {}

  public FlowKeys(FlowStore store) {
    this.store = store;
  }

  /**
   * The keys of a run of {@code workflow}.
   *
   * @throws IllegalArgumentException if a key or a number of units cannot be computed from the input (a placeholder
   *     finds nothing): the trigger is refused
   */
  public RunKeys of(WorkflowDefinition workflow, JsonNode input, Map<String, String> metadata) {
    if (!workflow.hasFlowControl()) {
      return RunKeys.NONE;
    }
    List<KeySpec> specs = new ArrayList<>();
    for (ConcurrencyRule rule : workflow.flow().concurrency()) {
      specs.add(concurrency(rule, input, metadata));
    }
    int runKeyCount = specs.size();
    Map<String, int[]> stepRanges = new LinkedHashMap<>();
    List<Integer> units = new ArrayList<>();
    for (StepDefinition step : workflow.steps()) {
      int from = specs.size();
      for (ConcurrencyRule rule : step.flow().concurrency()) {
        specs.add(concurrency(rule, input, metadata));
        units.add(1);
      }
      for (RateRule rate : step.flow().rates()) {
        specs.add(rate.key() == null ? new KeySpec("RATE", rate.ruleName(), "", null, null)
            : new KeySpec("RATE", rate.ruleName(), rate.key().evaluate(input, metadata), rate.dynamicUnits(),
                rate.dynamicPeriod().toMillis()));
        units.add(rate.unitsOf(input));
      }
      if (specs.size() > from) {
        stepRanges.put(step.name(), new int[] {from, specs.size()});
      }
    }
    List<Long> keyIds = resolve(specs);
    Map<String, StepKeys> steps = new LinkedHashMap<>();
    stepRanges.forEach((name, range) -> steps.put(name, new StepKeys(keyIds.subList(range[0], range[1]),
        units.subList(range[0] - runKeyCount, range[1] - runKeyCount))));
    return new RunKeys(keyIds.subList(0, runKeyCount), steps);
  }

  private static KeySpec concurrency(ConcurrencyRule rule, JsonNode input, Map<String, String> metadata) {
    return new KeySpec("CONCURRENCY", rule.rule(), rule.key().evaluate(input, metadata), rule.max(), null);
  }

  private List<Long> resolve(List<KeySpec> specs) {
    List<Long> resolved = new ArrayList<>(specs.size());
    List<KeySpec> missing = new ArrayList<>();
    for (KeySpec spec : specs) {
      keepLimit(spec);
      Long id = ids.get(new KeySpecKey(spec.rule(), spec.key()));
      resolved.add(id);
      if (id == null) {
        missing.add(spec);
      }
    }
    if (!missing.isEmpty()) {
      List<Long> created = store.ensureKeys(missing);
      if (ids.size() + created.size() > MAX_CACHED) {
        ids.clear();
      }
      int next = 0;
      for (int i = 0; i < resolved.size(); i++) {
        if (resolved.get(i) == null) {
          KeySpec spec = missing.get(next);
          long id = created.get(next++);
          ids.put(new KeySpecKey(spec.rule(), spec.key()), id);
          resolved.set(i, id);
        }
      }
    }
    return resolved;
  }

  /** Updates a rule's limit in the database the first time this node sees it, or sees it changed. */
  private void keepLimit(KeySpec spec) {
    if ("RATE".equals(spec.kind()) && spec.key().isEmpty()) {
      return; // a static rate limit is set through RateLimits, not by the code
    }
    Limit limit = new Limit(spec.maxUnits(), spec.periodMs());
    Limit known = limits.put(spec.rule(), limit);
    if (!Objects.equals(known, limit)) {
      store.updateLimit(spec.rule(), spec.maxUnits(), spec.periodMs());
    }
  }
}
