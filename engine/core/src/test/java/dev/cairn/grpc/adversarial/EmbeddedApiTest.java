package dev.cairn.grpc.adversarial;

import static dev.cairn.grpc.adversarial.BadValue.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.EventPush;
import dev.cairn.Role;
import dev.cairn.RunQuery;
import dev.cairn.ScheduleSpec;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflows;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks live in the engine, not in its gRPC layer: the embedded API refuses the same value classes with an
 * IllegalArgumentException whose message passes the same {@link Verdict} (names the argument, short, no long echo,
 * no SQL), and nothing is written.
 */
class EmbeddedApiTest {
  /** A backfill range of the engine's yearly schedule holding one tick. */
  private static final Instant BACKFILL_FROM = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant BACKFILL_TO = Instant.parse("2001-01-01T00:00:00Z");
  private static AdversarialEngine engine;

  /**
   * One argument of the embedded API, the values to try in it, the call that passes one, and the exception that
   * refuses them (IllegalArgumentException; NullPointerException for a null the method requires).
   */
  private record Argument<V>(String call, String name, List<BadValue<V>> values, BiConsumer<Cairn, V> passing,
      Class<? extends RuntimeException> refusal) {
    Argument(String call, String name, List<BadValue<V>> values, BiConsumer<Cairn, V> passing) {
      this(call, name, values, passing, IllegalArgumentException.class);
    }

    Stream<Case> cases() {
      String refused = refusal == IllegalArgumentException.class ? "" : " (" + refusal.getSimpleName() + ")";
      return values.stream().map(value -> new Case(call + " " + name + " = " + value.label() + refused, name,
          Status.Code.INVALID_ARGUMENT, value.text(), channel -> outcome(refusal, () -> passing.accept(engine.cairn,
              value.value()))));
    }
  }

  @BeforeAll
  static void start() {
    engine = AdversarialEngine.start();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @TestFactory
  Stream<DynamicTest> everyBadArgumentIsRefusedByNameAndChangesNothing() {
    return arguments().stream().flatMap(Argument::cases).map(sent -> DynamicTest.dynamicTest(sent.name(), () -> {
      AdversarialEngine.RowCounts before = engine.counts();
      Verdict.check(sent, sent.send().apply(null));
      assertEquals(before, engine.counts(), sent.name() + " changed nothing");
    }));
  }

  private static List<Argument<?>> arguments() {
    String workflow = AdversarialEngine.WORKFLOW;
    return List.of(
        new Argument<>("trigger", "workflowName", names(200), (cairn, name) -> cairn.trigger(name,
            null)),
        new Argument<>("trigger", "input", unstorableJson(), (cairn, input) -> cairn.trigger(workflow, input)),
        new Argument<>("triggerAll", "runs[1].input", unstorableJson(), (cairn, input) -> cairn.triggerAll(workflow,
            List.of(1, input, 3), TriggerOptions.NONE)),
        new Argument<>("triggerAll", "runs", List.of(invalid("1001 inputs", 1001)),
            (cairn, count) -> cairn.triggerAll(workflow, Collections.nCopies(count, 1), TriggerOptions.NONE)),
        new Argument<>("TriggerOptions", "metadata.key", names(200),
            (cairn, key) -> TriggerOptions.builder().metadata(key, "v").build()),
        new Argument<>("TriggerOptions", "metadata.value", withSurrogate(BadValues.metadataValue()),
            (cairn, value) -> TriggerOptions.builder().metadata("k", value).build()),
        new Argument<>("TriggerOptions", "idempotencyKey", optionalNames(255),
            (cairn, key) -> TriggerOptions.builder().idempotencyKey(key)),
        new Argument<>("pushEvent", "key", names(255), (cairn, key) -> cairn.pushEvent(key, null)),
        new Argument<>("pushEvent", "payload", unstorableJson(), (cairn, payload) -> cairn.pushEvent("k", payload)),
        new Argument<>("EventPush", "key", names(255), (cairn, key) -> EventPush.builder(key)),
        // null means none (the engine gives the event an id); empty is no id.
        new Argument<>("EventPush", "eventId", names(255), (cairn, id) -> EventPush.builder("k").eventId(id)),
        new Argument<>("EventPush", "metadata.key", names(200),
            (cairn, key) -> EventPush.builder("k").metadata(key, "v").build()),
        new Argument<>("EventPush", "metadata.value", withSurrogate(BadValues.metadataValue()),
            (cairn, value) -> EventPush.builder("k").metadata("k", value).build()),
        new Argument<>("EventPush", "metadata", BadValues.mapEntries(), (cairn, count) -> {
          EventPush.Builder push = EventPush.builder("k");
          for (int i = 0; i < count; i++) {
            push.metadata("k" + i, "v");
          }
          push.build();
        }),
        // The runs an event starts carry cairn.event_key and cairn.event_id besides: 62 entries of its own at most.
        new Argument<>("push", "metadata", List.of(invalid("63 entries", 63), invalid("64 entries", 64)),
            (cairn, count) -> {
              EventPush.Builder push = EventPush.builder(AdversarialEngine.PUSHED_KEY);
              for (int i = 0; i < count; i++) {
                push.metadata("k" + i, "v");
              }
              cairn.push(push.build());
            }),
        new Argument<>("push", "payload", unstorableJson(),
            (cairn, payload) -> cairn.push(EventPush.builder(AdversarialEngine.PUSHED_KEY).payload(payload)
                .metadata(AdversarialEngine.ORIGIN, AdversarialEngine.ORIGIN_VALUE).build())),
        // null means every key; empty is no key.
        new Argument<>("pushedEvents", "key", names(255), (cairn, key) -> cairn.pushedEvents(key, 10)),
        new Argument<>("pushedEvents", "limit", List.of(invalid("0", 0), invalid("-1", -1), invalid("1001", 1001),
            invalid("int32 min", Integer.MIN_VALUE), invalid("int32 max", Integer.MAX_VALUE)),
            (cairn, limit) -> cairn.pushedEvents(null, limit)),
        new Argument<>("eventTriggers.create", "name", names(400),
            (cairn, name) -> cairn.eventTriggers().create(name, "k", workflow, null)),
        new Argument<>("eventTriggers.create", "eventKey", names(255),
            (cairn, key) -> cairn.eventTriggers().create("bad-trigger", key, workflow, null)),
        new Argument<>("eventTriggers.create", "workflowName", names(200),
            (cairn, name) -> cairn.eventTriggers().create("bad-trigger", "k", name, null)),
        new Argument<>("eventTriggers.create", "filter", BadValues.concat(invalidOnly(FieldTable.filters()),
            List.of(invalid("unpaired surrogate in the pointer", "/a\uD800 == 1"),
                invalid("unpaired surrogate in a string value", "/a == \"x\uDC00y\""))),
            (cairn, filter) -> cairn.eventTriggers().create("bad-trigger", "k", workflow, filter)),
        new Argument<>("eventTriggers.delete", "name", names(400), (cairn, name) -> cairn.eventTriggers().delete(name)),
        new Argument<>("RunQuery", "workflowName", optionalNames(200),
            (cairn, name) -> RunQuery.builder().workflow(name)),
        new Argument<>("RunQuery", "metadata.key", names(200),
            (cairn, key) -> RunQuery.builder().metadata(key, "v").build()),
        new Argument<>("RunQuery", "createdFrom", instants(), (cairn, from) -> RunQuery.builder().createdFrom(from)),
        new Argument<>("RunQuery", "createdTo", instants(), (cairn, to) -> RunQuery.builder().createdTo(to)),
        new Argument<>("delete", "runId", List.of(invalid("null", (UUID) null)), (cairn, id) -> cairn.delete(id),
            NullPointerException.class),
        new Argument<>("deleteAll", "query", List.of(invalid("null", (RunQuery) null)),
            (cairn, query) -> cairn.deleteAll(query), NullPointerException.class),
        // A query with no criterion would match every run; its page size and token are no criterion.
        new Argument<>("deleteAll", "filter", List.of(invalid("empty", RunQuery.builder().build()),
            invalid("only a page size", RunQuery.builder().pageSize(10).build())),
            (cairn, query) -> cairn.deleteAll(query)),
        new Argument<>("workflows.setRetention", "workflowName", withNull(names(200)),
            (cairn, name) -> cairn.workflows().setRetention(name, Duration.ofDays(1))),
        new Argument<>("workflows.setRetention", "retention", retentions(),
            (cairn, period) -> cairn.workflows().setRetention(AdversarialEngine.PAUSABLE, period)),
        new Argument<>("workflows.clearRetention", "workflowName", withNull(names(200)),
            (cairn, name) -> cairn.workflows().clearRetention(name)),
        new Argument<>("listRuns", "pageToken", BadValues.pageToken(),
            (cairn, token) -> cairn.listRuns(RunQuery.builder().pageToken(token).build())),
        new Argument<>("watchRuns", "metadata.key", names(200),
            (cairn, key) -> cairn.watchRuns(Map.of(key, "v"), Instant.now(), event -> { })),
        new Argument<>("watchRuns", "since", instants(), (cairn, since) -> cairn.watchRuns(Map.of(), since,
            event -> { })),
        new Argument<>("watch", "afterSeq", List.of(invalid("-1", -1L), invalid("int64 min", Long.MIN_VALUE)),
            (cairn, seq) -> cairn.watch(engine.finishedRun, seq, event -> { })),
        new Argument<>("tokens.create", "name", names(200),
            (cairn, name) -> cairn.tokens().create(name, Role.CLIENT, null)),
        new Argument<>("tokens.create", "expiresAt", instants(),
            (cairn, at) -> cairn.tokens().create("t", Role.CLIENT, at)),
        new Argument<>("tokens.revoke", "id", names(64), (cairn, id) -> cairn.tokens().revoke(id)),
        new Argument<>("rateLimits.set", "rate limit name", names(100),
            (cairn, name) -> cairn.rateLimits().set(name, 10, Duration.ofSeconds(1))),
        new Argument<>("rateLimits.set", "units", List.of(invalid("0", 0), invalid("-1", -1),
            invalid("int32 min", Integer.MIN_VALUE), invalid("int32 max", Integer.MAX_VALUE)),
            (cairn, units) -> cairn.rateLimits().set("bad-limit", units, Duration.ofSeconds(1))),
        new Argument<>("rateLimits.set", "period", List.of(invalid("zero", Duration.ZERO),
            invalid("negative", Duration.ofSeconds(-1)), invalid("a nanosecond", Duration.ofNanos(1)),
            invalid("a century", Duration.ofDays(36500)), invalid("Long.MAX_VALUE seconds",
                Duration.ofSeconds(Long.MAX_VALUE))),
            (cairn, period) -> cairn.rateLimits().set("bad-limit", 10, period)),
        new Argument<>("rateLimits.get", "rate limit name", names(100), (cairn, name) -> cairn.rateLimits().get(name)),
        new Argument<>("TriggerOptions", "runAt", instants(), (cairn, at) -> TriggerOptions.builder().runAt(at)),
        new Argument<>("trigger", "runAt", List.of(invalid("an hour ago", Instant.now().minusSeconds(3600))),
            (cairn, at) -> cairn.trigger(workflow, 1, TriggerOptions.builder().runAt(at).build())),
        new Argument<>("TriggerOptions", "delay", List.of(invalid("negative", Duration.ofMillis(-1)),
            invalid("ten years and a millisecond", TriggerOptions.MAX_DELAY.plusMillis(1)),
            invalid("Long.MAX_VALUE seconds", Duration.ofSeconds(Long.MAX_VALUE)),
            invalid("Long.MIN_VALUE seconds", Duration.ofSeconds(Long.MIN_VALUE))),
            (cairn, delay) -> TriggerOptions.builder().delay(delay)),
        new Argument<>("TriggerOptions", "timeout", List.of(invalid("zero", Duration.ZERO),
            invalid("negative", Duration.ofMillis(-1)), invalid("a nanosecond", Duration.ofNanos(1)),
            invalid("ten years and a millisecond", TriggerOptions.MAX_DELAY.plusMillis(1)),
            invalid("Long.MAX_VALUE seconds", Duration.ofSeconds(Long.MAX_VALUE))),
            (cairn, timeout) -> TriggerOptions.builder().timeout(timeout)),
        new Argument<>("trigger", "timeout", List.of(invalid("ten years after a run at 9999-12-31",
            TriggerOptions.MAX_DELAY)), (cairn, timeout) -> cairn.trigger(workflow, 1, TriggerOptions.builder()
            .runAt(Instant.parse("9999-12-31T00:00:00Z")).timeout(timeout).build())),
        new Argument<>("ScheduleSpec", "name", names(ScheduleSpec.MAX_NAME_LENGTH), (cairn, name) -> ScheduleSpec.builder(name, workflow)),
        new Argument<>("ScheduleSpec", "workflowName", names(200),
            (cairn, name) -> ScheduleSpec.builder("bad-schedule", name)),
        // Refused when built (not an identifier) or when created (the engine parses the expression).
        new Argument<>("schedules.create", "cron", withSurrogate(BadValues.cron()), (cairn, cron) -> cairn
            .schedules().create(ScheduleSpec.builder("bad-schedule", workflow).cron(cron).build())),
        new Argument<>("ScheduleSpec", "timeZone", withSurrogate(invalidOnly(List.of(invalid("empty", "")),
            BadValues.timeZone())), (cairn, zone) -> ScheduleSpec.builder("bad-schedule", workflow).timeZone(zone)),
        new Argument<>("ScheduleSpec", "metadata.key", withSurrogate(invalidOnly(BadValues.requiredName(200),
            List.of(invalid("reserved cairn.schedule", ScheduleSpec.SCHEDULE_KEY),
                invalid("reserved cairn.tick", ScheduleSpec.TICK_KEY)))),
            (cairn, key) -> yearly("bad-schedule").metadata(key, "v").build()),
        new Argument<>("ScheduleSpec", "metadata.value", withSurrogate(BadValues.metadataValue()),
            (cairn, value) -> yearly("bad-schedule").metadata("k", value).build()),
        new Argument<>("schedules.create", "input", unstorableJson(),
            (cairn, input) -> cairn.schedules().create(yearly("bad-schedule").input(input).build())),
        new Argument<>("schedules.get", "name", names(ScheduleSpec.MAX_NAME_LENGTH), (cairn, name) -> cairn.schedules().get(name)),
        new Argument<>("schedules.pause", "name", names(ScheduleSpec.MAX_NAME_LENGTH), (cairn, name) -> cairn.schedules().pause(name)),
        new Argument<>("schedules.resume", "name", names(ScheduleSpec.MAX_NAME_LENGTH), (cairn, name) -> cairn.schedules().resume(name)),
        new Argument<>("schedules.delete", "name", names(ScheduleSpec.MAX_NAME_LENGTH), (cairn, name) -> cairn.schedules().delete(name)),
        new Argument<>("schedules.triggerNow", "name", names(ScheduleSpec.MAX_NAME_LENGTH),
            (cairn, name) -> cairn.schedules().triggerNow(name)),
        new Argument<>("schedules.backfill", "name", names(ScheduleSpec.MAX_NAME_LENGTH),
            (cairn, name) -> cairn.schedules().backfill(name, BACKFILL_FROM, BACKFILL_TO)),
        new Argument<>("schedules.backfill", "from", backfillBounds(BACKFILL_TO, "year 1, 2000 ticks before to",
            Instant.parse("0001-01-01T00:00:00Z")), (cairn, from) -> cairn.schedules().backfill(
                AdversarialEngine.SCHEDULE, from, BACKFILL_TO)),
        new Argument<>("schedules.backfill", "to", backfillBounds(BACKFILL_FROM, "8000 ticks after from",
            Instant.parse("9999-12-31T23:59:59Z")), (cairn, to) -> cairn.schedules().backfill(
                AdversarialEngine.SCHEDULE, BACKFILL_FROM, to)));
  }

  /**
   * A retention period: missing, not positive, outside 1 minute..100 years, and near-misses of
   * {@link Workflows#KEEP_FOREVER} (which is legal).
   */
  private static List<BadValue<Duration>> retentions() {
    return List.of(invalid("null", null), invalid("zero", Duration.ZERO), invalid("negative", Duration.ofMinutes(-1)),
        invalid("a nanosecond", Duration.ofNanos(1)),
        invalid("a minute less a nanosecond", Workflows.MIN_RETENTION.minusNanos(1)),
        invalid("100 years and a nanosecond", Workflows.MAX_RETENTION.plusNanos(1)),
        invalid("Long.MAX_VALUE seconds (not KEEP_FOREVER)", Duration.ofSeconds(Long.MAX_VALUE)),
        invalid("KEEP_FOREVER less a nanosecond", Workflows.KEEP_FOREVER.minusNanos(1)),
        invalid("Long.MIN_VALUE seconds", Duration.ofSeconds(Long.MIN_VALUE)),
        invalid("negated KEEP_FOREVER", Workflows.KEEP_FOREVER.negated().plusNanos(1)));
  }

  /**
   * What the table's verdict cannot express: refusals because of the state of what an argument names, as the
   * exception the API documents, and nothing written.
   */
  @Test
  void deletingAnUnfinishedOrUnknownRunAndChangingADeclaredRetentionAreRefusedAndChangeNothing() {
    AdversarialEngine.RowCounts before = engine.counts();
    Workflows workflows = engine.cairn.workflows();
    IllegalStateException unfinished = assertThrows(IllegalStateException.class,
        () -> engine.cairn.delete(engine.unfinishedRun));
    assertTrue(unfinished.getMessage().contains(engine.unfinishedRun.toString()), unfinished.getMessage());
    assertThrows(CairnException.class, () -> engine.cairn.delete(UUID.randomUUID()));
    for (Duration period : List.of(Duration.ofDays(1), Workflows.KEEP_FOREVER)) {
      IllegalStateException declared = assertThrows(IllegalStateException.class,
          () -> workflows.setRetention(AdversarialEngine.KEPT, period));
      assertTrue(declared.getMessage().contains(AdversarialEngine.KEPT), declared.getMessage());
    }
    assertThrows(IllegalStateException.class, () -> workflows.clearRetention(AdversarialEngine.KEPT));
    assertEquals(before, engine.counts(), "the refused calls changed nothing");
    assertEquals(Workflows.KEEP_FOREVER, workflows.retentions().get(AdversarialEngine.KEPT));
    assertEquals(engine.unfinishedRun, engine.cairn.getRun(engine.unfinishedRun).id());
  }

  /** A spec of the engine's yearly schedule's expression (no tick of it runs during a test). */
  private static ScheduleSpec.Builder yearly(String name) {
    return ScheduleSpec.builder(name, AdversarialEngine.WORKFLOW).cron(AdversarialEngine.YEARLY);
  }

  /**
   * A bound of a backfill range: out of range, missing (null), equal to the other bound, and one making the range
   * hold more ticks than a backfill may start.
   */
  private static List<BadValue<Instant>> backfillBounds(Instant other, String tooManyLabel, Instant tooMany) {
    List<BadValue<Instant>> values = new ArrayList<>(instants());
    values.add(invalid("null", null));
    values.add(invalid("equal to the other bound", other));
    values.add(invalid(tooManyLabel, tooMany));
    return values;
  }

  /** The refused values of some lists (a list may hold extremes the field legally takes). */
  @SafeVarargs
  private static <V> List<BadValue<V>> invalidOnly(List<BadValue<V>>... lists) {
    List<BadValue<V>> refused = new ArrayList<>();
    for (List<BadValue<V>> list : lists) {
      list.stream().filter(value -> value.expected() == Status.Code.INVALID_ARGUMENT).forEach(refused::add);
    }
    return refused;
  }

  /**
   * Values whose JSON jsonb cannot hold (U+0000) or the driver would change ('?' for an unpaired surrogate, which
   * a Java caller, unlike a gRPC one, can pass).
   */
  private static List<BadValue<Object>> unstorableJson() {
    return List.of(invalid("U+0000 in a string", Map.of("a", "x\u0000y")), invalid("U+0000 in a key",
        Map.of("\u0000", 1)), invalid("U+0000 alone", "\u0000"),
        invalid("unpaired surrogate in a string", Map.of("a", "x\uD800y")),
        invalid("unpaired surrogate in a key", Map.of("\uDC00", 1)));
  }

  private static List<BadValue<String>> names(int max) {
    return withSurrogate(BadValues.requiredName(max));
  }

  private static <V> List<BadValue<V>> withNull(List<BadValue<V>> values) {
    List<BadValue<V>> all = new ArrayList<>(values);
    all.add(invalid("null", null));
    return all;
  }

  private static List<BadValue<String>> optionalNames(int max) {
    return withSurrogate(BadValues.optionalName(max));
  }

  /** An unpaired surrogate too: a Java caller can pass one (protobuf-java turns it into '?' on the wire). */
  private static List<BadValue<String>> withSurrogate(List<BadValue<String>> values) {
    List<BadValue<String>> all = new ArrayList<>(values);
    all.add(invalid("unpaired surrogate", "a\uD800b"));
    return all;
  }

  private static List<BadValue<Instant>> instants() {
    return List.of(invalid("year 0", Instant.parse("0000-01-01T00:00:00Z")),
        invalid("year 10000", Instant.parse("+10000-01-01T00:00:00Z")),
        invalid("year 300000", Instant.parse("+300000-01-01T00:00:00Z")), invalid("Instant.MIN", Instant.MIN),
        invalid("Instant.MAX", Instant.MAX));
  }

  /** The call's refusal as INVALID_ARGUMENT when it is the expected exception; any other as UNKNOWN. */
  private static Outcome outcome(Class<? extends RuntimeException> refusal, Runnable call) {
    try {
      call.run();
      return Outcome.OK;
    } catch (RuntimeException e) {
      return refusal.isInstance(e) ? new Outcome(Status.Code.INVALID_ARGUMENT, e.getMessage())
          : new Outcome(Status.Code.UNKNOWN, e.toString());
    }
  }
}
