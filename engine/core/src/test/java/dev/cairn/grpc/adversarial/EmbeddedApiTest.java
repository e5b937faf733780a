package dev.cairn.grpc.adversarial;

import static dev.cairn.grpc.adversarial.BadValue.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.Role;
import dev.cairn.RunQuery;
import dev.cairn.TriggerOptions;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks live in the engine, not in its gRPC layer: the embedded API refuses the same value classes with an
 * IllegalArgumentException whose message passes the same {@link Verdict} (names the argument, short, no long echo,
 * no SQL), and nothing is written.
 */
class EmbeddedApiTest {
  private static AdversarialEngine engine;

  /** One argument of the embedded API, the values to try in it, and the call that passes one. */
  private record Argument<V>(String call, String name, List<BadValue<V>> values, BiConsumer<Cairn, V> passing) {
    Stream<Case> cases() {
      return values.stream().map(value -> new Case(call + " " + name + " = " + value.label(), name,
          Status.Code.INVALID_ARGUMENT, value.text(), channel -> outcome(() -> passing.accept(engine.cairn,
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
        new Argument<>("RunQuery", "workflowName", optionalNames(200),
            (cairn, name) -> RunQuery.builder().workflow(name)),
        new Argument<>("RunQuery", "metadata.key", names(200),
            (cairn, key) -> RunQuery.builder().metadata(key, "v").build()),
        new Argument<>("RunQuery", "createdFrom", instants(), (cairn, from) -> RunQuery.builder().createdFrom(from)),
        new Argument<>("RunQuery", "createdTo", instants(), (cairn, to) -> RunQuery.builder().createdTo(to)),
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
        new Argument<>("rateLimits.get", "rate limit name", names(100), (cairn, name) -> cairn.rateLimits().get(name)));
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

  private static Outcome outcome(Runnable call) {
    try {
      call.run();
      return Outcome.OK;
    } catch (IllegalArgumentException e) {
      return new Outcome(Status.Code.INVALID_ARGUMENT, e.getMessage());
    } catch (RuntimeException e) {
      return new Outcome(Status.Code.UNKNOWN, e.toString());
    }
  }
}
