package dev.cairn.internal.dashboard;

import dev.cairn.RunStatus;
import dev.cairn.internal.validate.Text;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Parses path and query values strictly; a bad one is an {@link ApiError} naming the field and quoting a prefix.
 * Thread-safe (static, stateless).
 */
final class Params {
  private static final Pattern CANONICAL_UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Params() {}

  /** A run id in its canonical 36-character form (UUID.fromString alone accepts "1-1-1-1-1"). */
  static UUID uuid(String field, String value) {
    if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
      throw ApiError.badRequest(field, field + " must be a UUID, got " + Text.quote(value));
    }
    return UUID.fromString(value);
  }

  static long nonNegativeLong(String field, String value) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below with the same message as a negative number
    }
    throw ApiError.badRequest(field, field + " must be a whole number 0.." + Long.MAX_VALUE + ", got "
        + Text.quote(value));
  }

  static int intBetween(String field, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(field, field + " must be a whole number " + min + ".." + max + ", got "
        + Text.quote(value));
  }

  static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(field, field + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got "
          + Text.quote(value));
    }
  }

  static RunStatus runStatus(String field, String value) {
    try {
      return RunStatus.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(field, field + " must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, got "
          + Text.quote(value));
    }
  }

  /** A name the engine checks itself: its refusal becomes a 400 naming {@code field}. */
  static <T> T checked(String field, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiError.badRequest(field, e.getMessage());
    }
  }
}
