package dev.cairn.grpc.adversarial;

import static dev.cairn.grpc.adversarial.BadValue.invalid;

import dev.cairn.proto.v1.ConcurrencyLimit;
import dev.cairn.proto.v1.ConcurrencyStrategy;
import dev.cairn.proto.v1.DesiredLabel;
import dev.cairn.proto.v1.LabelComparator;
import dev.cairn.proto.v1.RateLimitSetting;
import dev.cairn.proto.v1.RateLimitUse;
import dev.cairn.proto.v1.StepDefinition;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rows of the flow-control fields a worker registers: concurrency limits on runs and steps, rate limits its
 * steps consume, the labels they want, stickiness, and the static rate limits the worker sets. Each is refused at
 * registration (the stream ends with INVALID_ARGUMENT naming the field).
 */
final class FlowDefinitionRows {
  private FlowDefinitionRows() {}

  static void add(List<WorkerStreamTable.StreamRow<?>> rows, Function<WorkerMessage.Builder, WorkflowDefinition.Builder> workflow,
      Function<WorkerMessage.Builder, StepDefinition.Builder> step) {
    String prefix = "register.workflows[0].";
    concurrency(rows, prefix + "run_concurrency", message -> workflow.apply(message).addRunConcurrencyBuilder(),
        true);
    rows.add(new WorkerStreamTable.StreamRow<>(prefix + "run_concurrency", List.of(invalid("21 entries", 21)),
        (message, count) -> {
          for (int i = 0; i < count; i++) {
            workflow.apply(message).addRunConcurrency(ConcurrencyLimit.newBuilder().setMax(1));
          }
        }, WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(prefix + "sticky", List.of(invalid("unknown number 99", 99)),
        (message, number) -> workflow.apply(message).setStickyValue(number), WorkerStreamTable.Answer.STREAM_ENDS));
    String steps = prefix + "steps[0].";
    concurrency(rows, steps + "concurrency", message -> step.apply(message).addConcurrencyBuilder(), false);
    rows.add(new WorkerStreamTable.StreamRow<>(steps + "concurrency", List.of(invalid("21 entries", 21)),
        (message, count) -> {
          for (int i = 0; i < count; i++) {
            step.apply(message).addConcurrency(ConcurrencyLimit.newBuilder().setMax(1));
          }
        }, WorkerStreamTable.Answer.STREAM_ENDS));
    rateUses(rows, steps + "rate_limits[0].", message -> step.apply(message).addRateLimitsBuilder().setName("api"));
    rows.add(new WorkerStreamTable.StreamRow<>(steps + "rate_limits", List.of(invalid("21 entries", 21)),
        (message, count) -> {
          for (int i = 0; i < count; i++) {
            step.apply(message).addRateLimits(RateLimitUse.newBuilder().setName("api"));
          }
        }, WorkerStreamTable.Answer.STREAM_ENDS));
    labels(rows, steps + "labels[0].", message -> step.apply(message).addLabelsBuilder().setKey("pool")
        .setValue("cpu").setRequired(true));
    rows.add(new WorkerStreamTable.StreamRow<>(steps + "labels", List.of(invalid("21 entries", 21)),
        (message, count) -> {
          for (int i = 0; i < count; i++) {
            step.apply(message).addLabels(DesiredLabel.newBuilder().setKey("k" + i).setValue("v").setRequired(true));
          }
        }, WorkerStreamTable.Answer.STREAM_ENDS));
    staticLimits(rows);
  }

  /** A key template: malformed, oversized or with control characters. */
  private static List<BadValue<String>> templates() {
    List<BadValue<String>> values = new ArrayList<>(List.of(invalid("unclosed brace", "{/a"),
        invalid("stray closing brace", "a}"), invalid("unknown placeholder", "{nope}"),
        invalid("bad pointer escape", "{/a~2}"), invalid("empty metadata name", "{meta:}"),
        invalid("U+0000", "a\u0000"), invalid("control character", "a\u0007b"), invalid("blank", "   ")));
    values.addAll(BadValues.tooLong(500));
    return values;
  }

  private static void concurrency(List<WorkerStreamTable.StreamRow<?>> rows, String field,
      Function<WorkerMessage.Builder, ConcurrencyLimit.Builder> add, boolean onRuns) {
    rows.add(new WorkerStreamTable.StreamRow<>(field + "[0].key", templates(),
        (message, key) -> add.apply(message).setMax(1).setKey(key), WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "[0].max", List.of(invalid("0", 0), invalid("-1", -1),
        invalid("1000001", 1_000_001), invalid("int32 max", Integer.MAX_VALUE)),
        (message, max) -> add.apply(message).setMax(max), WorkerStreamTable.Answer.STREAM_ENDS));
    List<BadValue<Integer>> strategies = new ArrayList<>(List.of(invalid("unknown number 99", 99),
        invalid("unknown number -1", -1)));
    if (!onRuns) {
      strategies.add(invalid("CANCEL_NEWEST on a step", ConcurrencyStrategy.CONCURRENCY_STRATEGY_CANCEL_NEWEST_VALUE));
    }
    rows.add(new WorkerStreamTable.StreamRow<>(field + "[0].strategy", strategies,
        (message, number) -> add.apply(message).setMax(1).setStrategyValue(number),
        WorkerStreamTable.Answer.STREAM_ENDS));
  }

  private static void rateUses(List<WorkerStreamTable.StreamRow<?>> rows, String field,
      Function<WorkerMessage.Builder, RateLimitUse.Builder> add) {
    rows.add(new WorkerStreamTable.StreamRow<>(field + "name", BadValues.requiredName(100),
        (message, name) -> add.apply(message).setName(name), WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "key", templates(),
        (message, key) -> add.apply(message).setKey(key).setLimit(1).setPeriodMs(1000),
        WorkerStreamTable.Answer.STREAM_ENDS));
    List<BadValue<String>> units = new ArrayList<>(List.of(invalid("0", "0"), invalid("-1", "-1"),
        invalid("not a number", "many"), invalid("over 1,000,000", "1000001"), invalid("int overflow", "99999999999"),
        invalid("bad pointer", "{/a~2}"), invalid("U+0000", "1\u0000")));
    units.addAll(BadValues.tooLong(100));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "units", units,
        (message, text) -> add.apply(message).setUnits(text), WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "limit", List.of(invalid("with a key: 0", 0),
        invalid("with a key: -1", -1), invalid("with a key: 1000001", 1_000_001)),
        (message, limit) -> add.apply(message).setKey("{meta:tenant}").setLimit(limit).setPeriodMs(1000),
        WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "limit", List.of(invalid("without a key: 5", 5)),
        (message, limit) -> add.apply(message).setLimit(limit), WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "period_ms", List.of(invalid("-1", -1L),
        invalid("over a day", 86_400_001L), invalid("int64 max", Long.MAX_VALUE), invalid("int64 min", Long.MIN_VALUE)),
        (message, period) -> add.apply(message).setKey("{meta:tenant}").setLimit(1).setPeriodMs(period),
        WorkerStreamTable.Answer.STREAM_ENDS));
  }

  private static void labels(List<WorkerStreamTable.StreamRow<?>> rows, String field,
      Function<WorkerMessage.Builder, DesiredLabel.Builder> add) {
    rows.add(new WorkerStreamTable.StreamRow<>(field + "key", BadValues.requiredName(100),
        (message, key) -> add.apply(message).setKey(key), WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "value", BadValues.requiredName(200),
        (message, value) -> add.apply(message).setValue(value), WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "required", List.of(invalid("preferred with weight 0", false)),
        (message, required) -> add.apply(message).setRequired(required).setWeight(0),
        WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "weight", List.of(invalid("-1", -1), invalid("1001", 1001),
        invalid("int32 min", Integer.MIN_VALUE)),
        (message, weight) -> add.apply(message).setRequired(false).setWeight(weight),
        WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "comparator", List.of(invalid("unknown number 99", 99),
        invalid("GREATER_THAN on a word", LabelComparator.LABEL_COMPARATOR_GREATER_THAN_VALUE)),
        (message, number) -> add.apply(message).setComparatorValue(number), WorkerStreamTable.Answer.STREAM_ENDS));
  }

  private static void staticLimits(List<WorkerStreamTable.StreamRow<?>> rows) {
    String field = "register.rate_limits";
    rows.add(new WorkerStreamTable.StreamRow<>(field + "[0].name", BadValues.requiredName(100),
        (message, name) -> message.getRegisterBuilder().addRateLimits(limit().setName(name)),
        WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "[0].units", List.of(invalid("0", 0), invalid("-1", -1),
        invalid("1000001", 1_000_001), invalid("int32 min", Integer.MIN_VALUE)),
        (message, units) -> message.getRegisterBuilder().addRateLimits(limit().setUnits(units)),
        WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field + "[0].period_ms", List.of(invalid("0", 0L), invalid("-1", -1L),
        invalid("over a day", 86_400_001L), invalid("int64 max", Long.MAX_VALUE)),
        (message, period) -> message.getRegisterBuilder().addRateLimits(limit().setPeriodMs(period)),
        WorkerStreamTable.Answer.STREAM_ENDS));
    rows.add(new WorkerStreamTable.StreamRow<>(field, List.of(invalid("101 entries", 101)), (message, count) -> {
      for (int i = 0; i < count; i++) {
        message.getRegisterBuilder().addRateLimits(limit().setName("l" + i));
      }
    }, WorkerStreamTable.Answer.STREAM_ENDS));
  }

  private static RateLimitSetting.Builder limit() {
    return RateLimitSetting.newBuilder().setName("api").setUnits(10).setPeriodMs(1000);
  }
}
