package dev.cairn.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.Concurrency;
import dev.cairn.WorkerLabel;
import dev.cairn.Workflow;
import dev.cairn.internal.definition.ConcurrencyRule;
import dev.cairn.internal.definition.InputShape;
import dev.cairn.internal.definition.KeyTemplate;
import dev.cairn.internal.definition.LabelRule;
import dev.cairn.internal.definition.RateRule;
import dev.cairn.internal.definition.RunFlow;
import dev.cairn.internal.definition.StepFlow;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import dev.cairn.proto.v1.ConcurrencyLimit;
import dev.cairn.proto.v1.ConcurrencyStrategy;
import dev.cairn.proto.v1.DesiredLabel;
import dev.cairn.proto.v1.LabelComparator;
import dev.cairn.proto.v1.RateLimitUse;
import dev.cairn.proto.v1.StickyAssignment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Flow control declarations (concurrency limits, rate limits, worker labels, stickiness) between definitions and
 * the worker protocol; received ones are checked like annotations and refused naming the field. Stateless.
 */
final class FlowWire {
  /** Most flow declarations of one kind on one step or workflow. */
  static final int MAX_RULES = 20;

  private FlowWire() {}

  static void toProto(RunFlow flow, dev.cairn.proto.v1.WorkflowDefinition.Builder proto) {
    flow.concurrency().forEach(rule -> proto.addRunConcurrency(limit(rule)));
    proto.setSticky(switch (flow.sticky()) {
      case NONE -> StickyAssignment.STICKY_ASSIGNMENT_UNSPECIFIED;
      case SOFT -> StickyAssignment.STICKY_ASSIGNMENT_SOFT;
      case HARD -> StickyAssignment.STICKY_ASSIGNMENT_HARD;
    });
    if (flow.timeout() != null) {
      proto.setRunTimeoutMs(flow.timeout().toMillis());
    }
  }

  static void toProto(StepFlow flow, dev.cairn.proto.v1.StepDefinition.Builder proto) {
    flow.concurrency().forEach(rule -> proto.addConcurrency(limit(rule)));
    for (RateRule rate : flow.rates()) {
      proto.addRateLimits(RateLimitUse.newBuilder().setName(rate.limit())
          .setKey(rate.key() == null ? "" : rate.key().source())
          .setUnits(rate.unitsPointer() == null ? Integer.toString(rate.units()) : "{" + rate.unitsPointer() + "}")
          .setLimit(rate.dynamicUnits())
          .setPeriodMs(rate.dynamicPeriod() == null ? 0 : rate.dynamicPeriod().toMillis()));
    }
    for (LabelRule label : flow.labels()) {
      proto.addLabels(DesiredLabel.newBuilder().setKey(label.key()).setValue(label.value())
          .setRequired(label.required()).setWeight(label.weight())
          .setComparator(LabelComparator.valueOf("LABEL_COMPARATOR_" + label.comparator().name())));
    }
  }

  private static ConcurrencyLimit limit(ConcurrencyRule rule) {
    return ConcurrencyLimit.newBuilder().setKey(rule.key().source()).setMax(rule.max())
        .setStrategy(ConcurrencyStrategy.valueOf("CONCURRENCY_STRATEGY_" + rule.strategy().name())).build();
  }

  static RunFlow runFlow(String where, String workflow, dev.cairn.proto.v1.WorkflowDefinition proto,
      JsonNode inputShape) {
    count(where + "run_concurrency", proto.getRunConcurrencyCount());
    List<ConcurrencyRule> rules = new ArrayList<>();
    for (int i = 0; i < proto.getRunConcurrencyCount(); i++) {
      rules.add(concurrency(where + "run_concurrency[" + i + "].", "run:" + workflow + "#" + i,
          proto.getRunConcurrency(i), inputShape, true));
    }
    Workflow.Sticky sticky = switch (proto.getSticky()) {
      case STICKY_ASSIGNMENT_UNSPECIFIED -> Workflow.Sticky.NONE;
      case STICKY_ASSIGNMENT_SOFT -> Workflow.Sticky.SOFT;
      case STICKY_ASSIGNMENT_HARD -> Workflow.Sticky.HARD;
      default -> throw new IllegalArgumentException(where + "sticky: unknown value " + proto.getStickyValue());
    };
    Duration timeout = proto.getRunTimeoutMs() == 0 ? null
        : Ranges.millis(where + "run_timeout_ms", proto.getRunTimeoutMs(), Duration.ofMillis(1), Ranges.MAX_WAIT);
    return rules.isEmpty() && sticky == Workflow.Sticky.NONE && timeout == null ? RunFlow.NONE
        : new RunFlow(rules, sticky, timeout);
  }

  static StepFlow stepFlow(String field, String workflow, dev.cairn.proto.v1.StepDefinition step,
      JsonNode inputShape) {
    count(field + "concurrency", step.getConcurrencyCount());
    count(field + "rate_limits", step.getRateLimitsCount());
    count(field + "labels", step.getLabelsCount());
    if (step.getConcurrencyCount() == 0 && step.getRateLimitsCount() == 0 && step.getLabelsCount() == 0) {
      return StepFlow.NONE;
    }
    List<ConcurrencyRule> concurrency = new ArrayList<>();
    for (int i = 0; i < step.getConcurrencyCount(); i++) {
      concurrency.add(concurrency(field + "concurrency[" + i + "].", "step:" + workflow + "." + step.getName() + "#"
          + i, step.getConcurrency(i), inputShape, false));
    }
    List<RateRule> rates = new ArrayList<>();
    for (int i = 0; i < step.getRateLimitsCount(); i++) {
      rates.add(rate(field + "rate_limits[" + i + "].", step.getRateLimits(i), inputShape));
    }
    List<LabelRule> labels = new ArrayList<>();
    for (int i = 0; i < step.getLabelsCount(); i++) {
      labels.add(label(field + "labels[" + i + "].", step.getLabels(i)));
    }
    return new StepFlow(concurrency, rates, labels);
  }

  /** One rate limit use, each field checked under its own name. */
  private static RateRule rate(String at, RateLimitUse use, JsonNode inputShape) {
    Text.name(at + "name", use.getName(), 100);
    KeyTemplate key = null;
    if (!use.getKey().isEmpty()) {
      key = named(at + "key", () -> KeyTemplate.parse(use.getKey()));
      KeyTemplate parsed = key;
      named(at + "key", () -> {
        checkPointers(parsed.inputPointers(), inputShape);
        return null;
      });
    }
    if (key == null && (use.getLimit() != 0 || use.getPeriodMs() != 0)) {
      throw new IllegalArgumentException(at + (use.getLimit() != 0 ? "limit" : "period_ms") + ": limit and period "
          + "belong to a dynamic limit (one with a key); the static limit is set through SetRateLimit");
    }
    if (key != null) {
      Ranges.between(at + "limit", use.getLimit(), 1, RateRule.MAX_UNITS);
      Ranges.millis(at + "period_ms", use.getPeriodMs(), RateRule.MIN_PERIOD, RateRule.MAX_PERIOD);
    }
    KeyTemplate finalKey = key;
    RateRule rule = named(at + "units", () -> RateRule.of(use.getName(), finalKey,
        use.getUnits().isEmpty() ? "1" : use.getUnits(), finalKey == null ? 0 : use.getLimit(),
        finalKey == null ? null : Duration.ofMillis(use.getPeriodMs())));
    if (rule.unitsPointer() != null) {
      named(at + "units", () -> {
        checkPointers(List.of(rule.unitsPointer()), inputShape);
        return null;
      });
    }
    return rule;
  }

  /** Runs a check, naming {@code field} in its refusal. */
  private static <T> T named(String field, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
  }

  private static ConcurrencyRule concurrency(String at, String rule, ConcurrencyLimit limit, JsonNode inputShape,
      boolean onRuns) {
    Concurrency.Strategy strategy = switch (limit.getStrategy()) {
      case CONCURRENCY_STRATEGY_UNSPECIFIED, CONCURRENCY_STRATEGY_GROUP_ROUND_ROBIN ->
          Concurrency.Strategy.GROUP_ROUND_ROBIN;
      case CONCURRENCY_STRATEGY_CANCEL_IN_PROGRESS -> Concurrency.Strategy.CANCEL_IN_PROGRESS;
      case CONCURRENCY_STRATEGY_CANCEL_NEWEST -> Concurrency.Strategy.CANCEL_NEWEST;
      default -> throw new IllegalArgumentException(at + "strategy: unknown value " + limit.getStrategyValue());
    };
    if (!onRuns && strategy != Concurrency.Strategy.GROUP_ROUND_ROBIN) {
      throw new IllegalArgumentException(at + "strategy: " + strategy + " applies to runs (run_concurrency)");
    }
    Ranges.between(at + "max", limit.getMax(), 1, ConcurrencyRule.MAX_LIMIT);
    KeyTemplate key = named(at + "key", () -> KeyTemplate.parse(limit.getKey()));
    named(at + "key", () -> {
      checkPointers(key.inputPointers(), inputShape);
      return null;
    });
    return new ConcurrencyRule(rule, key, limit.getMax(), strategy);
  }

  /** One desired label, each field checked under its own name. */
  private static LabelRule label(String at, DesiredLabel label) {
    Text.name(at + "key", label.getKey(), 100);
    Text.name(at + "value", label.getValue(), 200);
    WorkerLabel.Comparator comparator = switch (label.getComparator()) {
      case LABEL_COMPARATOR_UNSPECIFIED, LABEL_COMPARATOR_EQUAL -> WorkerLabel.Comparator.EQUAL;
      case LABEL_COMPARATOR_NOT_EQUAL -> WorkerLabel.Comparator.NOT_EQUAL;
      case LABEL_COMPARATOR_GREATER_THAN -> WorkerLabel.Comparator.GREATER_THAN;
      case LABEL_COMPARATOR_GREATER_THAN_OR_EQUAL -> WorkerLabel.Comparator.GREATER_THAN_OR_EQUAL;
      case LABEL_COMPARATOR_LESS_THAN -> WorkerLabel.Comparator.LESS_THAN;
      case LABEL_COMPARATOR_LESS_THAN_OR_EQUAL -> WorkerLabel.Comparator.LESS_THAN_OR_EQUAL;
      default -> throw new IllegalArgumentException(at + "comparator: unknown value " + label.getComparatorValue());
    };
    if (!label.getRequired() && label.getWeight() == 0) {
      throw new IllegalArgumentException(at + "required: a preferred label needs a weight 1.." + LabelRule.MAX_WEIGHT);
    }
    int weight = label.getRequired() && label.getWeight() == 0 ? 100 : label.getWeight();
    Ranges.between(at + "weight", weight, 1, LabelRule.MAX_WEIGHT);
    return named(at + "comparator", () -> new LabelRule(label.getKey(), label.getValue(), label.getRequired(),
        weight, comparator));
  }

  /** Without an input shape pointers cannot be checked here (the worker checked them against its types). */
  private static void checkPointers(List<String> pointers, JsonNode inputShape) {
    for (String pointer : pointers) {
      if (inputShape != null && !InputShape.hasPointer(inputShape, pointer)) {
        throw new IllegalArgumentException("reads " + pointer + ", which the input type does not have");
      }
    }
  }

  private static void count(String field, int count) {
    if (count > MAX_RULES) {
      throw new IllegalArgumentException(field + ": at most " + MAX_RULES + " entries, got " + count);
    }
  }
}
