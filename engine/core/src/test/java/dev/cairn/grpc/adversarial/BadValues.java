package dev.cairn.grpc.adversarial;

import static dev.cairn.grpc.adversarial.BadValue.accepted;
import static dev.cairn.grpc.adversarial.BadValue.invalid;
import static dev.cairn.grpc.adversarial.BadValue.notFound;
import static dev.cairn.grpc.adversarial.BadValue.unauthenticated;

import com.google.protobuf.Timestamp;
import dev.cairn.ScheduleSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The value classes, one generator per kind of field. Huge strings repeat {@link #PATTERN}, so every window of
 * one starts like a window taken within its first {@code PATTERN.length()} characters: that is how a test checks
 * that a description echoes no long stretch of the input.
 *
 * <p>Unpaired surrogates are not here: protobuf-java replaces them with '?' before they reach the wire, so a Java
 * client cannot send one in a string field. They are sent as the bytes a foreign client would produce
 * ({@link WireBytesTest}) and, escaped, inside JSON ({@link #json()}).
 */
final class BadValues {
  static final String PATTERN = "abcdefghij";
  static final int KIB = 1024;
  private static final String UUID_TEXT = "0190d6b4-8f5e-7c3a-9b1d-2e4f6a8c0b1d";

  private BadValues() {}

  /** {@code length} characters of {@link #PATTERN} repeated. */
  static String huge(int length) {
    return PATTERN.repeat(length / PATTERN.length() + 1).substring(0, length);
  }

  /** Control characters (C0, DEL, C1) inside otherwise ordinary text, and U+0000 alone. */
  static List<BadValue<String>> controls() {
    return List.of(invalid("U+0000 inside", "a\u0000b"), invalid("U+0000 alone", "\u0000"),
        invalid("U+0007", "a\u0007b"), invalid("U+001F", "a\u001Fb"), invalid("U+007F", "a\u007Fb"),
        invalid("U+0085", "a\u0085b"));
  }

  /** One character over {@code max}, then 10 KiB, 100 KiB and 1 MiB. */
  static List<BadValue<String>> tooLong(int max) {
    List<BadValue<String>> values = new ArrayList<>();
    values.add(invalid((max + 1) + " characters", huge(max + 1)));
    for (int size : new int[] {10 * KIB, 100 * KIB, 1024 * KIB}) {
      if (size > max + 1) {
        values.add(invalid(size / KIB + " KiB", huge(size)));
      }
    }
    return values;
  }

  /** A required identifier (workflow and event names, token names and ids): 1..max, no control characters. */
  static List<BadValue<String>> requiredName(int max) {
    return concat(List.of(invalid("empty", "")), optionalName(max));
  }

  /** An optional identifier, where empty means none. */
  static List<BadValue<String>> optionalName(int max) {
    return concat(List.of(invalid("blank", "   ")), controls(), tooLong(max));
  }

  /** A metadata value: free text without control characters, at most 2000 characters; empty is legal. */
  static List<BadValue<String>> metadataValue() {
    return concat(controls(), tooLong(2000));
  }

  /** How many (valid) entries a map gets. */
  static List<BadValue<Integer>> mapEntries() {
    return List.of(invalid("65 entries", 65), invalid("10000 entries", 10_000));
  }

  /** A run id: a canonical UUID; a well-formed one that names no run is NOT_FOUND. */
  static List<BadValue<String>> runId() {
    return concat(List.of(invalid("empty", ""), invalid("not-a-uuid", "not-a-uuid"),
        invalid("short form 1-1-1-1-1", "1-1-1-1-1"), invalid("36 characters of junk", "z".repeat(36)),
        invalid("uuid with U+0000", UUID_TEXT.substring(0, 35) + "\u0000"),
        invalid("uuid and a space", UUID_TEXT + " "), invalid("uuid without dashes", UUID_TEXT.replace("-", "")),
        notFound("well-formed unknown", UUID.randomUUID().toString())), controls(), tooLong(36));
  }

  /** A token id: an identifier of at most 64 characters; a well-formed unknown one is NOT_FOUND. */
  static List<BadValue<String>> tokenId() {
    return concat(requiredName(64), List.of(notFound("well-formed unknown", "unknownTokenId")));
  }

  /** JSON text where empty means null: malformed, trailing content, U+0000, surrogates, depth, magnitude. */
  static List<BadValue<String>> json() {
    return List.of(invalid("blank", "  "), invalid("not JSON", "hello"), invalid("truncated", "{\"a\":"),
        invalid("trailing content", "{\"a\":1} trailing"), invalid("two values", "{\"a\":1}{\"b\":2}"),
        invalid("single quotes", "{'a':1}"), invalid("NaN", "NaN"), invalid("comment", "{\"a\":1 /* c */}"),
        invalid("escaped U+0000 in a value", "{\"a\":\"x\\u0000y\"}"),
        invalid("escaped U+0000 in a key", "{\"\\u0000\":1}"), invalid("escaped U+0000 alone", "\"\\u0000\""),
        invalid("raw U+0000 in a string", "{\"a\":\"x\u0000y\"}"),
        invalid("unpaired high surrogate escaped", "{\"a\":\"\\ud800\"}"),
        invalid("unpaired low surrogate escaped in a key", "{\"\\udc00x\":1}"),
        invalid("nested 100000 deep", "[".repeat(100_000) + "]".repeat(100_000)),
        invalid("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000)),
        invalid("number too large to store", "[1e1000000]"), invalid("number too small to store", "[1e-1000000]"),
        invalid("huge string then trailing content", "\"" + huge(1024 * KIB) + "\" x"));
  }

  /** A caller's timestamp: 0001-01-01 .. 9999-12-31, nanos 0..999999999. */
  static List<BadValue<Timestamp>> timestamp() {
    return List.of(invalid("year 0", seconds(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(), 0)),
        invalid("year 10000", seconds(Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond(), 0)),
        invalid("year 300000", seconds(Instant.parse("+300000-01-01T00:00:00Z").getEpochSecond(), 0)),
        invalid("seconds int64 min", seconds(Long.MIN_VALUE, 0)),
        invalid("seconds int64 max", seconds(Long.MAX_VALUE, 0)), invalid("negative nanos", seconds(0, -1)),
        invalid("nanos 1e9", seconds(0, 1_000_000_000)), invalid("nanos int32 min", seconds(0, Integer.MIN_VALUE)));
  }

  /** A delay in milliseconds: 0 (none) .. ten years; both ends are accepted. */
  static List<BadValue<Long>> delayMs() {
    long max = 315_360_000_000L;
    return List.of(invalid("-1", -1L), invalid("int64 min", Long.MIN_VALUE), invalid("int64 max", Long.MAX_VALUE),
        invalid("ten years + 1 ms", max + 1), accepted("ten years", max), accepted("1", 1L));
  }

  /** How long an await call waits, in ms: 1 .. 60,000 (1 is the valid request's own value). */
  static List<BadValue<Long>> waitMs() {
    return List.of(invalid("0", 0L), invalid("-1", -1L), invalid("int64 min", Long.MIN_VALUE),
        invalid("int64 max", Long.MAX_VALUE), invalid("a minute + 1 ms", 60_001L));
  }

  /** A run's deadline in ms: 1 .. ten years; 0 (none) is the valid request's own value. */
  static List<BadValue<Long>> timeoutMs() {
    long max = 315_360_000_000L;
    return List.of(invalid("-1", -1L), invalid("int64 min", Long.MIN_VALUE), invalid("int64 max", Long.MAX_VALUE),
        invalid("ten years + 1 ms", max + 1), accepted("ten years", max), accepted("1", 1L));
  }

  /** A schedule's name: 1..200, no control characters; a well-formed one that names no schedule is NOT_FOUND. */
  static List<BadValue<String>> scheduleName() {
    return concat(requiredName(ScheduleSpec.MAX_NAME_LENGTH),
        List.of(notFound("well-formed unknown", "no-such-schedule")));
  }

  /**
   * A cron expression: besides what any required identifier is refused for, text the engine does not parse as a
   * five-field Unix expression (Quartz and nickname syntax, out-of-range values, fields cron-utils itself trips
   * over) and an expression that never fires.
   */
  static List<BadValue<String>> cron() {
    return concat(requiredName(200), List.of(invalid("not cron", "not cron"), invalid("six fields", "0 0 * * * *"),
        invalid("four fields", "* * * *"), invalid("minute 60", "60 * * * *"), invalid("hour 24", "0 24 * * *"),
        invalid("day of week 8", "* * * * 8"), invalid("negative minute", "-1 * * * *"),
        invalid("reversed range", "59-0 * * * *"), invalid("step 0", "*/0 * * * *"),
        invalid("step over int32", "*/99999999999 * * * *"), invalid("range with an empty step", "1-2/ * * * *"),
        invalid("open range with an empty step", "1-/ * * * *"), invalid("empty list entry", "1,,2 * * * *"),
        invalid("unknown month name", "* * * FOO *"), invalid("Quartz L", "0 0 L * *"),
        invalid("Quartz ?", "0 0 ? * ?"), invalid("Quartz #", "0 0 * * 1#2"), invalid("nickname", "@yearly"),
        invalid("February 30th (never fires)", "0 0 30 2 *")));
  }

  /** A time zone where empty means UTC: unknown ids and offsets beyond ±18:00; a far offset is accepted. */
  static List<BadValue<String>> timeZone() {
    return concat(optionalName(200), List.of(invalid("unknown region", "Mars/Olympus_Mons"),
        invalid("offset +19:00", "+19:00"), invalid("UTC+99", "UTC+99"), invalid("a path", "../../etc/passwd"),
        accepted("offset +14:00", "+14:00"), accepted("Etc/GMT-14", "Etc/GMT-14")));
  }

  /** A page size: 0 (the default) or 1..1000. */
  static List<BadValue<Integer>> pageSize() {
    return List.of(invalid("-1", -1), invalid("1001", 1001), invalid("int32 min", Integer.MIN_VALUE),
        invalid("int32 max", Integer.MAX_VALUE));
  }

  /** A number every int32 value of which is legal (a priority): the extremes are accepted. */
  static List<BadValue<Integer>> anyInt32() {
    return List.of(accepted("int32 min", Integer.MIN_VALUE), accepted("int32 max", Integer.MAX_VALUE),
        accepted("-1", -1));
  }

  /** A sequence number within a run's log 0..last. */
  static List<BadValue<Long>> afterSeq(long last) {
    return List.of(invalid("-1", -1L), invalid("int64 min", Long.MIN_VALUE), invalid("int64 max", Long.MAX_VALUE),
        invalid("last + 1", last + 1));
  }

  /** An enum number: UNSPECIFIED and numbers the enum does not define. */
  static List<BadValue<Integer>> enumNumber() {
    return List.of(invalid("UNSPECIFIED", 0), invalid("unknown number 99", 99), invalid("unknown number -1", -1));
  }

  /** A page token: only what a previous page returned (base64url of "instant/uuid"). */
  static List<BadValue<String>> pageToken() {
    return concat(List.of(invalid("not base64", "not base64!"), invalid("base64 of junk", base64("x")),
        invalid("junk id", base64("2026-01-01T00:00:00Z/not-a-uuid")),
        invalid("year 300000", base64("+300000-01-01T00:00:00Z/" + UUID_TEXT)),
        invalid("year -5000", base64("-5000-01-01T00:00:00Z/" + UUID_TEXT)),
        invalid("U+0000 in the decoded token", base64("2026-01-01T00:00:00Z/" + UUID_TEXT + "\u0000")),
        invalid("short-form id", base64("2026-01-01T00:00:00Z/1-1-1-1-1"))), controls(), tooLong(200));
  }

  /** An authorization header (null: none); all refused with UNAUTHENTICATED. */
  static List<BadValue<String>> authorization() {
    return List.of(unauthenticated("no header", null), unauthenticated("empty", ""),
        unauthenticated("scheme alone", "Bearer"), unauthenticated("scheme and a space", "Bearer "),
        unauthenticated("basic scheme", "Basic dXNlcjpwYXNz"), unauthenticated("junk token", "Bearer not-a-token"),
        unauthenticated("empty id", "Bearer cairn__secret"),
        unauthenticated("65-character id", "Bearer cairn_" + huge(65) + "_secret"),
        unauthenticated("4 KiB token", "Bearer " + huge(4 * KIB)),
        unauthenticated("U+0001 in the id", "Bearer cairn_ab\u0001cd_secret"),
        unauthenticated("U+007F in the id", "Bearer cairn_ab\u007Fcd_secret"),
        unauthenticated("well-formed unknown", "Bearer cairn_abcdefghijkl_" + huge(43)));
  }

  private static Timestamp seconds(long seconds, int nanos) {
    return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @SafeVarargs
  static <V> List<BadValue<V>> concat(List<BadValue<V>>... lists) {
    List<BadValue<V>> all = new ArrayList<>();
    for (List<BadValue<V>> list : lists) {
      all.addAll(list);
    }
    return List.copyOf(all);
  }
}
