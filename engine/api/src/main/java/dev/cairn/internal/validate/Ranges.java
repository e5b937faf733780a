package dev.cairn.internal.validate;

import java.time.Duration;
import java.time.Instant;

/**
 * Numbers, durations and instants at a boundary, and the saturating arithmetic that keeps engine-side deadlines
 * from overflowing. Stateless.
 */
public final class Ranges {
  /** Longest execution timeout of one attempt (extensions included). */
  public static final Duration MAX_STEP_TIMEOUT = Duration.ofDays(7);
  /** Longest time a step may wait in the queue. */
  public static final Duration MAX_SCHEDULE_TIMEOUT = Duration.ofDays(365);
  /** Longest retry backoff. */
  public static final Duration MAX_BACKOFF = Duration.ofDays(7);
  /** Longest durable sleep or event wait. */
  public static final Duration MAX_WAIT = Duration.ofDays(3650);
  /** Most attempts of one step. */
  public static final int MAX_ATTEMPTS = 1000;
  /** Largest backoff factor. */
  public static final double MAX_BACKOFF_FACTOR = 100;
  /** Earliest instant accepted: 0001-01-01T00:00:00Z (protobuf's Timestamp range, inside PostgreSQL's). */
  public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  /** Latest instant accepted: 9999-12-31T23:59:59.999999999Z. */
  public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private Ranges() {}

  /** @throws IllegalArgumentException naming {@code field} unless {@code min <= value <= max} */
  public static long between(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + " is " + value + "; it must be in " + min + ".." + max);
    }
    return value;
  }

  /** @throws IllegalArgumentException naming {@code field} unless {@code value} is finite and in range */
  public static double between(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(field + " is " + value + "; it must be a number in " + min + ".." + max);
    }
    return value;
  }

  /** @throws IllegalArgumentException naming {@code field} unless {@code min <= value <= max} */
  public static Duration between(String field, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(field + " is " + value + "; it must be in " + min + ".." + max);
    }
    return value;
  }

  /** Milliseconds as a duration, range-checked. */
  public static Duration millis(String field, long millis, Duration min, Duration max) {
    between(field, millis, min.toMillis(), max.toMillis());
    return Duration.ofMillis(millis);
  }

  /**
   * An instant from epoch seconds and nanoseconds (a protobuf Timestamp), refused outside
   * {@link #MIN_INSTANT}..{@link #MAX_INSTANT}.
   */
  public static Instant instant(String field, long seconds, int nanos) {
    if (nanos < 0 || nanos > 999_999_999 || seconds < MIN_INSTANT.getEpochSecond()
        || seconds > MAX_INSTANT.getEpochSecond()) {
      throw new IllegalArgumentException(field + " (" + seconds + " s, " + nanos + " ns) is outside the supported"
          + " range " + MIN_INSTANT + " .. " + MAX_INSTANT);
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /**
   * Checks an instant given by a caller (a filter bound, an expiry): required, and within {@link #MIN_INSTANT}..
   * {@link #MAX_INSTANT}, which PostgreSQL's timestamptz and protobuf's Timestamp both hold.
   *
   * @return the instant
   * @throws IllegalArgumentException naming {@code field}
   */
  public static Instant instant(String field, Instant value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
      throw new IllegalArgumentException(field + " " + value + " is outside the supported range " + MIN_INSTANT
          + " .. " + MAX_INSTANT);
    }
    return value;
  }

  /** {@code a + b}, or {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE} where it would overflow. */
  public static long plusSaturated(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }
}
