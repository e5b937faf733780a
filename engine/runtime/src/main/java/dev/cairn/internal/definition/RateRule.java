package dev.cairn.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.internal.validate.Text;
import java.time.Duration;

/**
 * A validated {@link dev.cairn.RateLimit} declaration.
 *
 * @param limit the limit's name
 * @param key null for the static limit {@code limit}; else the dynamic key template
 * @param units a constant number of units, or 0 when they come from {@code unitsPointer}
 * @param unitsPointer the JSON pointer to the units in the input, or null
 * @param dynamicUnits a dynamic limit's units per period (0 for a static limit)
 * @param dynamicPeriod a dynamic limit's period (null for a static limit)
 */
public record RateRule(String limit, KeyTemplate key, int units, String unitsPointer, int dynamicUnits,
    Duration dynamicPeriod) {
  /** Most units one attempt may consume, and most units per period of a limit. */
  public static final int MAX_UNITS = 1_000_000;
  /** Shortest and longest period of a limit. */
  public static final Duration MIN_PERIOD = Duration.ofMillis(1);
  public static final Duration MAX_PERIOD = Duration.ofDays(1);

  /** @throws IllegalArgumentException naming what is wrong */
  public RateRule {
    Text.name("rate limit name", limit, 100);
    if (unitsPointer == null && (units < 1 || units > MAX_UNITS)) {
      throw new IllegalArgumentException("units must be 1.." + MAX_UNITS + ", got " + units);
    }
    if (key == null) {
      if (dynamicUnits != 0 || dynamicPeriod != null) {
        throw new IllegalArgumentException("limit and period belong to a dynamic limit (one with a key); the static "
            + "limit " + limit + " is set through RateLimits.set");
      }
    } else {
      if (dynamicUnits < 1 || dynamicUnits > MAX_UNITS) {
        throw new IllegalArgumentException("a dynamic limit (key " + key + ") needs limit 1.." + MAX_UNITS + ", got "
            + dynamicUnits);
      }
      if (dynamicPeriod == null || dynamicPeriod.compareTo(MIN_PERIOD) < 0 || dynamicPeriod.compareTo(MAX_PERIOD) > 0) {
        throw new IllegalArgumentException("period must be " + MIN_PERIOD + ".." + MAX_PERIOD + ", got "
            + dynamicPeriod);
      }
    }
  }

  /** Parses a units declaration: a positive integer or {@code {/pointer}}. */
  public static RateRule of(String limit, KeyTemplate key, String units, int dynamicUnits, Duration period) {
    Text.name("units", units, 100);
    String trimmed = units.strip();
    if (trimmed.startsWith("{/") && trimmed.endsWith("}")) {
      String pointer = trimmed.substring(1, trimmed.length() - 1);
      try {
        JsonPointers.check(pointer);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("units " + Text.quote(units) + " is not a JSON pointer");
      }
      return new RateRule(limit, key, 0, pointer, dynamicUnits, period);
    }
    try {
      return new RateRule(limit, key, Integer.parseInt(trimmed), null, dynamicUnits, period);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("units " + Text.quote(units) + " is neither a positive integer nor "
          + "{/pointer}");
    }
  }

  /**
   * The units one attempt of a run consumes.
   *
   * @throws IllegalArgumentException if the pointer finds no integer in 1..MAX_UNITS
   */
  public int unitsOf(JsonNode input) {
    if (unitsPointer == null) {
      return units;
    }
    JsonNode found = input == null ? null : input.at(unitsPointer);
    if (found == null || !found.canConvertToInt() || !found.isIntegralNumber() || found.asInt() < 1
        || found.asInt() > MAX_UNITS) {
      throw new IllegalArgumentException("rate limit " + limit + ": units at " + unitsPointer + " must be an integer "
          + "1.." + MAX_UNITS);
    }
    return found.asInt();
  }

  /** The name the limit's keys are stored under. */
  public String ruleName() {
    return "rate:" + limit;
  }
}
