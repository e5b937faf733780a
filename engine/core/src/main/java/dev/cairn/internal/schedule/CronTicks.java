package dev.cairn.internal.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.cairn.internal.validate.Text;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ticks of a five-field Unix cron expression in a time zone (daylight-saving gaps and overlaps follow the
 * zone's rules, as cron-utils applies them). Immutable and thread-safe.
 */
public final class CronTicks {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final ExecutionTime execution;
  private final ZoneId zone;

  private CronTicks(ExecutionTime execution, ZoneId zone) {
    this.execution = execution;
    this.zone = zone;
  }

  /**
   * @throws IllegalArgumentException naming the expression or the zone when it does not parse, or the expression
   *     never fires (February 30th)
   */
  public static CronTicks parse(String expression, String timeZone) {
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("timeZone " + Text.quote(timeZone) + " is not a known time zone id");
    }
    Cron cron;
    try {
      cron = PARSER.parse(expression).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cron " + Text.quote(expression) + " is not a five-field Unix cron expression"
          + " (minute hour day-of-month month day-of-week): " + Text.sanitize(String.valueOf(e.getMessage()), 200));
    } catch (RuntimeException e) {
      // cron-utils fails on some malformed fields with its own bugs ("1-2/" throws ArrayIndexOutOfBoundsException):
      // still the caller's expression, so still a refusal naming it, not an internal error.
      throw new IllegalArgumentException("cron " + Text.quote(expression) + " is not a five-field Unix cron expression"
          + " (minute hour day-of-month month day-of-week): it does not parse");
    }
    CronTicks ticks = new CronTicks(ExecutionTime.forCron(cron), zone);
    if (ticks.after(Instant.parse("2000-01-01T00:00:00Z")).isEmpty()) {
      throw new IllegalArgumentException("cron " + Text.quote(expression) + " never fires");
    }
    return ticks;
  }

  /** The first tick strictly after {@code instant}; empty if there is none (the far future). */
  public Optional<Instant> after(Instant instant) {
    return execution.nextExecution(ZonedDateTime.ofInstant(instant, zone)).map(ZonedDateTime::toInstant);
  }

  /** The last tick at or before {@code instant}; empty if there is none. */
  public Optional<Instant> atOrBefore(Instant instant) {
    return execution.lastExecution(ZonedDateTime.ofInstant(instant.plusSeconds(1), zone))
        .map(ZonedDateTime::toInstant)
        .filter(tick -> !tick.isAfter(instant));
  }

  /** Ticks in {@code [from, to]} in order, at most {@code max}. */
  public List<Instant> between(Instant from, Instant to, int max) {
    List<Instant> ticks = new ArrayList<>();
    Optional<Instant> next = after(from.minusSeconds(1));
    while (next.isPresent() && !next.get().isAfter(to) && ticks.size() < max) {
      if (!next.get().isBefore(from)) {
        ticks.add(next.get());
      }
      next = after(next.get());
    }
    return ticks;
  }
}
