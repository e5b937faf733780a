package dev.cairn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.cairn.internal.definition.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Reads and checks what a user types: JSON documents, run ids, durations and times. Refusals name the input. */
final class Inputs {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNumberLength(1000).build());
  }

  private Inputs() {}

  /**
   * A JSON document from the argument, or from a file ({@code -} for standard input); neither gives JSON null.
   *
   * @param what how the user calls it ("input", "payload"), for messages
   */
  static JsonNode json(String what, String argument, Path file, InputStream stdin) {
    if (argument != null && file != null) {
      throw CliException.usage("give the " + what + " as an argument or with --" + what + "-file, not both");
    }
    if (file != null) {
      return parse(what + " from " + (file.toString().equals("-") ? "standard input" : file.toString()), read(file,
          stdin));
    }
    return argument == null ? NullNode.getInstance() : parse(what, argument);
  }

  static JsonNode parse(String what, String text) {
    if (text.indexOf('\0') >= 0) {
      throw CliException.usage(what + " holds a NUL character");
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw CliException.usage(what + " is empty: give one JSON value (null for none)");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw CliException.usage(what + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    }
  }

  private static String read(Path file, InputStream stdin) {
    try {
      byte[] bytes = file.toString().equals("-") ? stdin.readAllBytes() : Files.readAllBytes(file);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e);
    }
  }

  static UUID runId(String text) {
    try {
      if (text.length() == 36) {
        return UUID.fromString(text);
      }
    } catch (IllegalArgumentException e) {
      // falls through to the message below
    }
    throw CliException.usage("'" + Failures.oneLine(shorten(text)) + "' is not a run id (a UUID such as"
        + " 0b5e2a2c-6f0e-4a51-9d1f-3c2f1a7e9b10)");
  }

  /** 500ms, 30s, 5m, 2h, 7d or ISO-8601 (PT1H30M). */
  static Duration duration(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(option + ": '" + Failures.oneLine(shorten(text)) + "' is not a duration (500ms, 30s,"
          + " 5m, 2h, 7d or ISO-8601 like PT1H30M)");
    }
  }

  /** 2026-12-01T10:00:00Z, or a date (midnight UTC). */
  static Instant instant(String option, String text) {
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw CliException.usage(option + ": '" + Failures.oneLine(shorten(text)) + "' is not a time (ISO-8601 in UTC"
          + " like 2026-12-01T10:00:00Z, or a date like 2026-12-01)");
    }
  }

  static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
