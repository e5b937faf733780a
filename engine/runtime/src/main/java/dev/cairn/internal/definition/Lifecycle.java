package dev.cairn.internal.definition;

import dev.cairn.EventPush;
import dev.cairn.EventTriggers;
import dev.cairn.ScheduleSpec;
import dev.cairn.Workflows;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.util.List;

/**
 * What a workflow's code declares about starting and keeping its runs ({@code @Workflow(cron, timezone, missedTicks,
 * overlap, onEvents, eventFilter, retention)}); the engine keeps its declared schedule, event triggers and retention
 * as this says, for workflows registered on a node and for those a worker serves. Checked as far as the API can
 * (names, zone, lengths, periods); the engine parses the cron expression and the filter.
 *
 * @param cron a five-field cron expression, or null for no declared schedule
 * @param eventFilter null for none
 * @param retention null for the engine's default; {@link Workflows#KEEP_FOREVER} to keep finished runs
 */
public record Lifecycle(String cron, String timeZone, ScheduleSpec.MissedTicks missedTicks, ScheduleSpec.Overlap overlap,
    List<String> onEvents, String eventFilter, Duration retention) {
  /** Most event keys one workflow may declare. */
  public static final int MAX_EVENT_KEYS = 20;

  public static final Lifecycle NONE = new Lifecycle(null, "UTC", ScheduleSpec.MissedTicks.LATEST,
      ScheduleSpec.Overlap.ALLOW, List.of(), null, null);

  /** @throws IllegalArgumentException naming the field ({@code cron}, {@code timeZone}, {@code onEvents[1]}, ...) */
  public Lifecycle {
    // The zone is checked with or without a cron: a declaration is refused whole or kept whole.
    ScheduleSpec.Builder schedule = ScheduleSpec.builder("declared", "declared").timeZone(timeZone);
    if (cron != null) {
      schedule.cron(cron).build();
    }
    onEvents = List.copyOf(onEvents);
    if (onEvents.size() > MAX_EVENT_KEYS) {
      throw new IllegalArgumentException("onEvents: at most " + MAX_EVENT_KEYS + " keys, got " + onEvents.size());
    }
    for (int i = 0; i < onEvents.size(); i++) {
      Text.name("onEvents[" + i + "]", onEvents.get(i), EventPush.MAX_KEY_LENGTH);
    }
    if (eventFilter != null) {
      Text.text("eventFilter", eventFilter, EventTriggers.MAX_FILTER_LENGTH);
    }
    if (retention != null) {
      checkRetention("retention", retention);
    }
  }

  /** Whether the workflow declares anything at all. */
  public boolean declaresAnything() {
    return cron != null || !onEvents.isEmpty() || retention != null;
  }

  /**
   * Checks a retention period: {@link Workflows#KEEP_FOREVER}, or from {@link Workflows#MIN_RETENTION} to
   * {@link Workflows#MAX_RETENTION}.
   *
   * @throws IllegalArgumentException naming {@code field} and the problem
   */
  public static Duration checkRetention(String field, Duration period) {
    if (period == null) {
      throw new IllegalArgumentException(field + " is missing: give a period, or Workflows.KEEP_FOREVER");
    }
    if (!period.equals(Workflows.KEEP_FOREVER)
        && (period.compareTo(Workflows.MIN_RETENTION) < 0 || period.compareTo(Workflows.MAX_RETENTION) > 0)) {
      throw new IllegalArgumentException(field + " must be from 1 minute to " + Workflows.MAX_RETENTION.toDays()
          + " days, or Workflows.KEEP_FOREVER; got " + Text.quote(period.toString()));
    }
    return period;
  }

  /** Reads {@code @Workflow(retention)}: a duration ("30d", ISO-8601) or "forever". */
  public static Duration parseRetention(String text) {
    if (text.trim().equalsIgnoreCase("forever")) {
      return Workflows.KEEP_FOREVER;
    }
    return checkRetention("retention", Durations.parse(text));
  }
}
