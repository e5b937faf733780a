package dev.cairn.pipeline.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator of hostile values: each family is what some kind of field must refuse. A value is a JSON node (for
 * a field of a JSON body), a string (a header, a path segment), raw bytes (a whole body) or {@link #ABSENT}.
 */
final class BadValues {
  /** Leave the header out altogether. */
  static final Object ABSENT = new Object();
  /**
   * The status of a request the JDK's HTTP server refuses before any handler runs: a request line and headers
   * over its limit ({@code sun.net.httpserver.maxReqHeaderSize}, 380 KiB by default). It answers with its own
   * status or just closes the connection; either way nothing reaches the pipeline.
   */
  static final int BY_SERVER = -1;
  static final int KIB = 1024;
  static final int MIB = 1024 * KIB;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** One hostile value: what the test calls it, what is sent, and the status it must get (0: any 4xx). */
  record Bad(String label, Object value, int status) {
    Bad withStatus(int other) {
      return new Bad(label, value, other);
    }
  }

  private BadValues() {}

  /** Text no identifier, name or short text field may hold: control characters, emptiness, sheer size. */
  static List<Bad> badText(int status) {
    List<Bad> bad = new ArrayList<>();
    for (Bad text : hostileStrings()) {
      bad.add(new Bad(text.label(), JSON.textNode((String) text.value()), status));
    }
    bad.add(new Bad("10 KiB", JSON.textNode("r".repeat(10 * KIB)), status));
    bad.add(new Bad("500 KiB", JSON.textNode("r".repeat(500 * KIB)), status));
    return bad;
  }

  /**
   * Strings with control characters (no CR or LF, which would end a header line), and an empty one. The controls
   * sit inside the value: the JDK's HTTP server trims characters up to U+0020 off both ends of a header value.
   */
  static List<Bad> hostileStrings() {
    return List.of(
        new Bad("NUL", "rec\u0000ording", 0),
        new Bad("U+0001", "a\u0001start", 0),
        new Bad("ANSI escape", "a\u001b[31mred", 0),
        new Bad("DEL", "del\u007f", 0),
        new Bad("C1 U+0085", "next\u0085line", 0),
        new Bad("tab", "a\tb", 0),
        new Bad("empty", "", 0));
  }

  /** JSON values of another type where a string belongs. */
  static List<Bad> notText(int status) {
    return List.of(new Bad("number", JSON.numberNode(42), status), new Bad("true", JSON.booleanNode(true), status),
        new Bad("object", JSON.objectNode().put("a", 1), status), new Bad("array", JSON.arrayNode().add("a"), status));
  }

  /** Numbers that do not fit: past a long, past a double, negative. */
  static List<Bad> overflowingNumbers(int status) {
    return List.of(
        new Bad("2^64", JSON.numberNode(BigInteger.TWO.pow(64)), status),
        new Bad("-10^30", JSON.numberNode(BigInteger.TEN.pow(30).negate()), status),
        new Bad("1e400", JSON.numberNode(new BigDecimal("1e400")), status),
        new Bad("-1", JSON.numberNode(-1), status));
  }

  /** Epoch seconds outside 2000..2100: zero, negative, milliseconds instead of seconds, year 10000, 2^63-1. */
  static List<Bad> outOfRangeTimestamps(int status) {
    return List.of(
        new Bad("0", JSON.numberNode(0), status),
        new Bad("1999-12-31T23:59:59Z", JSON.numberNode(946_684_799L), status),
        new Bad("2100-01-01T00:00:01Z", JSON.numberNode(4_102_444_801L), status),
        new Bad("milliseconds", JSON.numberNode(1_793_714_731_000L), status),
        new Bad("year 10000", JSON.numberNode(253_402_300_800L), status),
        new Bad("Long.MAX_VALUE", JSON.numberNode(Long.MAX_VALUE), status));
  }

  /** JSON values of another type where a number belongs. */
  static List<Bad> notNumbers(int status) {
    return List.of(new Bad("numeric string", JSON.textNode("123"), status),
        new Bad("string", JSON.textNode("soon"), status), new Bad("true", JSON.booleanNode(true), status),
        new Bad("object", JSON.objectNode(), status), new Bad("array", JSON.arrayNode().add(1), status));
  }

  /** JSON values of another type where an object or an array belongs. */
  static List<Bad> notContainers(int status) {
    return List.of(new Bad("string", JSON.textNode("x"), status), new Bad("number", JSON.numberNode(5), status),
        new Bad("true", JSON.booleanNode(true), status));
  }

  /** Whole bodies that are no single JSON object, or too large. */
  static List<Bad> malformedJson() {
    List<Bad> bad = new ArrayList<>();
    for (String text : List.of("", "{", "{\"type\":", "[]", "null", "\"text\"", "42", "{} {}",
        "{\"type\":\"recording.ready-to-download\"} garbage", "{\"type\":\"a\",\"type\":\"b\"}", "{'type':'a'}",
        "{\"type\":\"a\u0000\"}", "[".repeat(5000), "{\"type\":NaN}")) {
      bad.add(new Bad(text.length() > 40 ? text.substring(0, 20) + "... (" + text.length() + ")" : "'" + text + "'",
          text.getBytes(StandardCharsets.UTF_8), 400));
    }
    bad.add(new Bad("invalid UTF-8", new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'}, 400));
    bad.add(new Bad("1 MiB + 1", ("{\"pad\":\"" + "p".repeat(MIB) + "\"}").getBytes(StandardCharsets.UTF_8), 413));
    return bad;
  }

  /** Content types a JSON endpoint must refuse. */
  static List<Bad> wrongContentTypes() {
    return List.of(new Bad("text/plain", "text/plain", 415),
        new Bad("form", "application/x-www-form-urlencoded", 415),
        new Bad("multipart", "multipart/form-data; boundary=x", 415), new Bad("xml", "application/xml", 415),
        new Bad("JSON in Latin-1", "application/json; charset=iso-8859-1", 415),
        new Bad("NUL inside", "application/\u0000json", 415), new Bad("empty", "", 415),
        new Bad("10 KiB", "a/" + "b".repeat(10 * KIB), 415), new Bad("twice", List.of("application/json",
            "application/json"), 415));
  }

  /** Header values for a header that must be a number or a token: control characters, junk, sizes up to 1 MiB. */
  static List<Bad> badHeaderValues(int status) {
    List<Bad> bad = new ArrayList<>();
    hostileStrings().forEach(text -> bad.add(text.withStatus(status)));
    bad.add(new Bad("absent", ABSENT, status));
    bad.add(new Bad("10 KiB", "9".repeat(10 * KIB), status));
    bad.add(new Bad("100 KiB", "9".repeat(100 * KIB), status));
    bad.add(new Bad("1 MiB", "9".repeat(MIB), BY_SERVER));
    return bad;
  }

  /** Values of {@code Last-Event-ID} that are no event sequence number. */
  static List<Bad> badSequenceNumbers() {
    List<Bad> bad = new ArrayList<>();
    for (String text : List.of("-1", "x", "1e3", "0x10", "1.5", "9223372036854775808", "99999999999999999999",
        "1 2", "\u00b9", "1\u00002", "1\u001b[2J")) {
      bad.add(new Bad("'" + text + "'", text, 400));
    }
    bad.add(new Bad("10 KiB", "7".repeat(10 * KIB), 400));
    bad.add(new Bad("1 MiB", "7".repeat(MIB), BY_SERVER));
    bad.add(new Bad("twice", List.of("1", "2"), 400));
    return bad;
  }

  /** Path segments that are no transcript id (already percent-encoded where a request line needs it). */
  static List<Bad> malformedIds() {
    List<Bad> bad = new ArrayList<>();
    for (String id : List.of("", "a%20b", "%00", "%1b", "..", "a.b", "%C3%BC", "'%3B--", "x".repeat(65),
        "x".repeat(10 * KIB), "x".repeat(100 * KIB))) {
      bad.add(new Bad(id.length() > 40 ? id.length() + " characters" : "'" + id + "'", id, 400));
    }
    bad.add(new Bad("1 MiB", "x".repeat(MIB), BY_SERVER));
    return bad;
  }
}
