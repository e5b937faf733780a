package dev.cairn.grpc.adversarial;

import static dev.cairn.grpc.adversarial.BadValue.invalid;
import static dev.cairn.grpc.adversarial.BadValue.refused;

import com.google.protobuf.Timestamp;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.ExtendTimeout;
import dev.cairn.proto.v1.LogLine;
import dev.cairn.proto.v1.Progress;
import dev.cairn.proto.v1.Register;
import dev.cairn.proto.v1.StepDefinition;
import dev.cairn.proto.v1.StepResult;
import dev.cairn.proto.v1.Suspension;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkflowDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The table of what a worker sends on its stream: every field of every message after registration (answered with
 * a MessageRejected, the stream staying open) and every field of the registration itself (the stream ends with
 * the status). Each row spoils one field of a message that is valid for the fixture's held attempt.
 */
final class WorkerStreamTable {
  /** How a spoiled message is answered. */
  enum Answer {
    /** After registration: a MessageRejected; the stream stays open. */
    REJECTED,
    /** The registration itself: the stream ends with the status. */
    STREAM_ENDS,
    /** An entry of the registration: the worker is registered and the entry alone rejected. */
    REGISTERED_THEN_REJECTED
  }

  /** One field of a worker message, the values to try, how to set one on a valid message, and the answer. */
  record StreamRow<V>(String field, List<BadValue<V>> values, BiConsumer<WorkerMessage.Builder, V> setter,
      Answer answer) {}

  /**
   * Fields left out of the stream table, with where they are covered instead: values the engine stores after
   * sanitising or that fail the attempt by design (so a case would change what the next case relies on).
   */
  static final List<String> COVERED_ELSEWHERE = List.of("result.output_json", "result.failure.error",
      "result.failure.retryable", "result.failure.timed_out", "heartbeat", "log.level", "log.message");

  /** The workflow of the valid registration's definition. */
  static final String DEFINITION = "adversarial-definition";
  /** The worker id of the valid registration (the fixture's workers have their own). */
  static final String REGISTRANT = "adversarial-registrant";

  private WorkerStreamTable() {}

  static WorkerMessage.Builder validSuspension(AttemptRef held) {
    return WorkerMessage.newBuilder().setResult(StepResult.newBuilder().setAttempt(held).setSuspension(
        Suspension.newBuilder().setKind("SLEEP").setWakeAt(Timestamp.newBuilder()
            .setSeconds(Instant.now().plusSeconds(3600).getEpochSecond()))));
  }

  static List<StreamRow<?>> rows(WorkerFixture fixture) {
    List<StreamRow<?>> rows = new ArrayList<>();
    AttemptRef held = fixture.held;
    attemptRows(rows, "result.attempt", fixture, (message, attempt) -> message.mergeFrom(validSuspension(held)
        .build()).getResultBuilder().setAttempt(attempt));
    rows.add(new StreamRow<>("result.suspension.kind", concat(BadValues.requiredName(50),
        List.of(invalid("unknown kind", "FOREVER"))), (message, kind) -> message.mergeFrom(validSuspension(held)
            .build()).getResultBuilder().getSuspensionBuilder().setKind(kind), Answer.REJECTED));
    rows.add(new StreamRow<>("result.suspension.wake_at", BadValues.timestamp(), (message, at) -> message
        .mergeFrom(validSuspension(held).build()).getResultBuilder().getSuspensionBuilder().setWakeAt(at), Answer.REJECTED));
    rows.add(new StreamRow<>("result.suspension.child_run_ids", BadValues.runId().stream()
        .filter(value -> !value.label().equals("well-formed unknown")).toList(), (message, id) -> message
            .mergeFrom(validSuspension(held).build()).getResultBuilder().getSuspensionBuilder().setKind("CHILDREN")
            .addChildRunIds(id), Answer.REJECTED));
    rows.add(new StreamRow<>("result.suspension.event_key", BadValues.optionalName(255), (message, key) -> message
        .mergeFrom(validSuspension(held).build()).getResultBuilder().getSuspensionBuilder().setEventKey(key),
        Answer.REJECTED));
    rows.add(new StreamRow<>("result.suspension.event_since", BadValues.timestamp(), (message, since) -> message
        .mergeFrom(validSuspension(held).build()).getResultBuilder().getSuspensionBuilder().setEventSince(since),
        Answer.REJECTED));
    rows.add(new StreamRow<>("result", List.of(invalid("no outcome", 0)), (message, unused) -> message
        .setResult(StepResult.newBuilder().setAttempt(held)), Answer.REJECTED));
    attemptRows(rows, "progress.attempt", fixture, (message, attempt) -> message.setProgress(
        Progress.newBuilder().setAttempt(attempt).setType("checked").setPayloadJson("{}")));
    rows.add(new StreamRow<>("progress.type", concat(BadValues.requiredName(100),
        List.of(invalid("reserved prefix", "STEP_SUCCEEDED"))), (message, type) -> message.setProgress(
            Progress.newBuilder().setAttempt(held).setType(type).setPayloadJson("{}")), Answer.REJECTED));
    rows.add(new StreamRow<>("progress.payload_json", BadValues.json(), (message, json) -> message.setProgress(
        Progress.newBuilder().setAttempt(held).setType("checked").setPayloadJson(json)), Answer.REJECTED));
    attemptRows(rows, "extend_timeout.attempt", fixture, (message, attempt) -> message.setExtendTimeout(
        ExtendTimeout.newBuilder().setAttempt(attempt).setExtraMs(1000)));
    rows.add(new StreamRow<>("extend_timeout.extra_ms", List.of(invalid("0", 0L), invalid("-1", -1L),
        invalid("int64 max", Long.MAX_VALUE), invalid("int64 min", Long.MIN_VALUE), invalid("8 days", 691_200_000L)),
        (message, ms) -> message.setExtendTimeout(ExtendTimeout.newBuilder().setAttempt(held).setExtraMs(ms)),
        Answer.REJECTED));
    attemptRows(rows, "log.attempt", fixture, (message, attempt) -> message.setLog(LogLine.newBuilder()
        .setAttempt(attempt).setLevel("INFO").setMessage("hello")));
    rows.add(new StreamRow<>("register", List.of(invalid("a second registration", 0)), (message, unused) -> message
        .setRegister(Register.newBuilder().setWorkerId(WorkerFixture.WORKER_ID).setSlots(1)), Answer.REJECTED));
    registrationRows(rows);
    return rows;
  }

  /** An attempt reference: each part malformed (INVALID_ARGUMENT), or well formed and not the caller's. */
  private static void attemptRows(List<StreamRow<?>> rows, String field, WorkerFixture fixture,
      BiConsumer<WorkerMessage.Builder, AttemptRef> set) {
    rows.add(new StreamRow<>(field + ".step_id", List.of(invalid("0", 0L), invalid("-1", -1L)),
        (message, id) -> set.accept(message, fixture.held.toBuilder().setStepId(id).build()), Answer.REJECTED));
    rows.add(new StreamRow<>(field + ".attempt", List.of(invalid("0", 0), invalid("int32 min", Integer.MIN_VALUE)),
        (message, number) -> set.accept(message, fixture.held.toBuilder().setAttempt(number).build()), Answer.REJECTED));
    rows.add(new StreamRow<>(field + ".run_id", BadValues.runId().stream()
        .filter(value -> !value.label().equals("well-formed unknown")).toList(),
        (message, id) -> set.accept(message, fixture.held.toBuilder().setRunId(id).build()), Answer.REJECTED));
    if (!field.startsWith("log.")) {
      rows.add(new StreamRow<>("attempt", List.of(refused(field + ": another worker's attempt",
          fixture.othersAttempt), refused(field + ": a made-up run", fixture.held.toBuilder()
              .setRunId(UUID.randomUUID().toString()).build())), set, Answer.REJECTED));
    }
  }

  /** The registration: identity, slots, labels, version, definitions and the attempts it names. */
  private static void registrationRows(List<StreamRow<?>> rows) {
    rows.add(new StreamRow<>("register.worker_id", BadValues.requiredName(200),
        (message, id) -> message.getRegisterBuilder().setWorkerId(id), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>("register.slots", List.of(invalid("0", 0), invalid("-1", -1), invalid("1025", 1025),
        invalid("int32 max", Integer.MAX_VALUE)), (message, slots) -> message.getRegisterBuilder().setSlots(slots),
        Answer.STREAM_ENDS));
    rows.add(new StreamRow<>("register.labels.key", BadValues.requiredName(200),
        (message, key) -> message.getRegisterBuilder().putLabels(key, "v"), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>("register.labels.value", BadValues.metadataValue(),
        (message, value) -> message.getRegisterBuilder().putLabels("k", value), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>("register.labels", BadValues.mapEntries(), (message, count) -> {
      for (int i = 0; i < count; i++) {
        message.getRegisterBuilder().putLabels("k" + i, "v");
      }
    }, Answer.STREAM_ENDS));
    rows.add(new StreamRow<>("register.version", concat(List.of(invalid("U+0000", "1\u0000")),
        BadValues.tooLong(200)), (message, version) -> message.getRegisterBuilder().setVersion(version), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>("register.host", concat(List.of(invalid("U+0000", "h\u0000")),
        BadValues.tooLong(255)), (message, host) -> message.getRegisterBuilder().setHost(host), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>("register.workflows", List.of(invalid("the same workflow twice", 2)),
        (message, copies) -> message.getRegisterBuilder().clearWorkflows().addWorkflows(definition())
            .addWorkflows(definition().toBuilder().setFingerprint("another")), Answer.STREAM_ENDS));
    definitionRows(rows);
  }

  private static void definitionRows(List<StreamRow<?>> rows) {
    String prefix = "register.workflows[0].";
    rows.add(new StreamRow<>(prefix + "name", BadValues.requiredName(200),
        (message, name) -> workflow(message).setName(name), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(prefix + "fingerprint", BadValues.requiredName(200),
        (message, fingerprint) -> workflow(message).setFingerprint(fingerprint), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(prefix + "input_shape_json", BadValues.json().stream()
        .filter(value -> !value.label().equals("blank")).toList(),
        (message, json) -> workflow(message).setInputShapeJson(json), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(prefix + "steps", List.of(invalid("no steps", 0), invalid("1001 steps", 1001)),
        (message, count) -> {
          workflow(message).clearSteps();
          for (int i = 0; i < count; i++) {
            workflow(message).addSteps(step().setName("s" + i));
          }
        }, Answer.STREAM_ENDS));
    String steps = prefix + "steps[0].";
    rows.add(new StreamRow<>(steps + "name", BadValues.requiredName(200), (message, name) -> step(message)
        .setName(name), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(steps + "parents", concat(BadValues.requiredName(200),
        List.of(invalid("unknown parent", "nowhere"))), (message, parent) -> step(message).addParents(parent), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(steps + "on_failure", List.of(invalid("two on-failure steps", true)),
        (message, on) -> {
          step(message).setOnFailure(on);
          workflow(message).addSteps(step().setName("b").setOnFailure(on));
        }, Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(steps + "timeout_ms", millis(true), (message, ms) -> step(message).setTimeoutMs(ms),
        Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(steps + "schedule_timeout_ms", millis(false),
        (message, ms) -> step(message).setScheduleTimeoutMs(ms), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(steps + "max_attempts", List.of(invalid("0", 0), invalid("-1", -1),
        invalid("1001", 1001), invalid("int32 max", Integer.MAX_VALUE)),
        (message, attempts) -> step(message).setMaxAttempts(attempts), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(steps + "initial_backoff_ms", millis(false),
        (message, ms) -> step(message).setInitialBackoffMs(ms), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(steps + "max_backoff_ms", millis(false),
        (message, ms) -> step(message).setMaxBackoffMs(ms), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(steps + "backoff_factor", doubles(1, 100), (message, factor) -> step(message)
        .setBackoffFactor(factor), Answer.STREAM_ENDS));
    rows.add(new StreamRow<>(steps + "jitter", doubles(0, 1), (message, jitter) -> step(message).setJitter(jitter),
        Answer.STREAM_ENDS));
    FlowDefinitionRows.add(rows, WorkerStreamTable::workflow, WorkerStreamTable::step);
    LifecycleDefinitionRows.add(rows, WorkerStreamTable::workflow);
    rows.add(new StreamRow<>("register.running", List.of(invalid("10001 entries", 10_001)), (message, count) -> {
      for (int i = 0; i < count; i++) {
        message.getRegisterBuilder().addRunning(AttemptRef.newBuilder().setStepId(i + 1).setAttempt(1)
            .setRunId("0190d6b4-8f5e-7c3a-9b1d-2e4f6a8c0b1d"));
      }
    }, Answer.STREAM_ENDS));
    AttemptRef running = AttemptRef.newBuilder().setStepId(1).setAttempt(1)
        .setRunId("0190d6b4-8f5e-7c3a-9b1d-2e4f6a8c0b1d").build();
    rows.add(new StreamRow<>("register.running[0].step_id", List.of(invalid("0", 0L), invalid("-1", -1L)),
        (message, id) -> message.getRegisterBuilder().addRunning(running.toBuilder().setStepId(id)),
        Answer.REGISTERED_THEN_REJECTED));
    rows.add(new StreamRow<>("register.running[0].attempt", List.of(invalid("0", 0), invalid("-1", -1)),
        (message, number) -> message.getRegisterBuilder().addRunning(running.toBuilder().setAttempt(number)),
        Answer.REGISTERED_THEN_REJECTED));
    rows.add(new StreamRow<>("register.running[0].run_id", BadValues.runId().stream()
        .filter(value -> !value.label().equals("well-formed unknown")).toList(),
        (message, id) -> message.getRegisterBuilder().addRunning(running.toBuilder().setRunId(id)),
        Answer.REGISTERED_THEN_REJECTED));
  }

  private static List<BadValue<Long>> millis(boolean required) {
    List<BadValue<Long>> values = new ArrayList<>(List.of(invalid("-1", -1L), invalid("int64 min", Long.MIN_VALUE),
        invalid("int64 max", Long.MAX_VALUE), invalid("over a year", 400L * 24 * 3600 * 1000)));
    if (required) {
      values.add(invalid("0", 0L));
    }
    return values;
  }

  private static List<BadValue<Double>> doubles(double min, double max) {
    return List.of(invalid("NaN", Double.NaN), invalid("infinity", Double.POSITIVE_INFINITY),
        invalid("-infinity", Double.NEGATIVE_INFINITY), invalid("below " + min, min - 0.5),
        invalid("above " + max, max + 0.5));
  }

  static WorkerMessage.Builder validRegistration(String workerId) {
    return WorkerMessage.newBuilder().setRegister(Register.newBuilder().setWorkerId(workerId).setSlots(1)
        .addWorkflows(definition()));
  }

  /**
   * The valid registration's one definition: it declares a run deadline and a lifecycle ({@link
   * LifecycleDefinitionRows#DECLARED}), which the fixture registers once before the cases.
   */
  private static WorkflowDefinition definition() {
    return WorkflowDefinition.newBuilder().setName(DEFINITION).setFingerprint("f1").addSteps(step())
        .setRunTimeoutMs(3_600_000).setLifecycle(LifecycleDefinitionRows.DECLARED).build();
  }

  private static StepDefinition.Builder step() {
    return StepDefinition.newBuilder().setName("only").setTimeoutMs(1000).setMaxAttempts(1).setInitialBackoffMs(10)
        .setBackoffFactor(2).setMaxBackoffMs(100).setJitter(0.1);
  }

  private static WorkflowDefinition.Builder workflow(WorkerMessage.Builder message) {
    return message.getRegisterBuilder().getWorkflowsBuilder(0);
  }

  private static StepDefinition.Builder step(WorkerMessage.Builder message) {
    return workflow(message).getStepsBuilder(0);
  }

  @SafeVarargs
  private static <V> List<BadValue<V>> concat(List<BadValue<V>>... lists) {
    List<BadValue<V>> all = new ArrayList<>();
    for (List<BadValue<V>> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
