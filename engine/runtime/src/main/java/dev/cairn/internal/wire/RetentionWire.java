package dev.cairn.internal.wire;

import dev.cairn.Workflows;
import java.time.Duration;

/** A retention period on the wire: {@code retention_ms} or {@code keep_forever}, never both. Stateless. */
public final class RetentionWire {
  private RetentionWire() {}

  /**
   * The period the two fields give: {@link Workflows#KEEP_FOREVER}, a period in range, or null when both are unset.
   *
   * @param field the name of the milliseconds field in messages ({@code retention_ms}, with any prefix)
   * @throws IllegalArgumentException naming {@code field} when both are set or the period is out of range
   */
  public static Duration period(String field, long millis, boolean keepForever) {
    if (keepForever) {
      if (millis != 0) {
        throw new IllegalArgumentException(field + ": must be 0 with keep_forever; set one of them");
      }
      return Workflows.KEEP_FOREVER;
    }
    if (millis == 0) {
      return null;
    }
    if (millis < Workflows.MIN_RETENTION.toMillis() || millis > Workflows.MAX_RETENTION.toMillis()) {
      throw new IllegalArgumentException(field + ": must be " + Workflows.MIN_RETENTION.toMillis() + ".."
          + Workflows.MAX_RETENTION.toMillis() + " (a minute to 100 years), got " + millis);
    }
    return Duration.ofMillis(millis);
  }
}
