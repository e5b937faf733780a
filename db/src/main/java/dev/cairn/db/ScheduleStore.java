package dev.cairn.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/** The statements of the schedules table. Thread-safe. */
public final class ScheduleStore {
  /** How one pass moved a due schedule on; see {@link #scheduleAdvance}. */
  public record Advance(Instant nextDueAt, Instant lastTickAt, UUID lastRunId, int skipped) {}

  private final Jdbi jdbi;

  ScheduleStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Creates the schedule; empty when one of that name exists (nothing is changed then). */
  public Optional<ScheduleRow> scheduleInsert(NewSchedule schedule, boolean paused) {
    return jdbi.withHandle(handle -> bindSpec(Sql.query(handle, "scheduleInsert"), schedule)
        .bind("paused", paused)
        .map((rs, ctx) -> row(rs))
        .findOne());
  }

  /** Replaces what the schedule does; empty when there is none. */
  public Optional<ScheduleRow> scheduleUpdate(NewSchedule schedule) {
    return jdbi.withHandle(handle -> bindSpec(Sql.query(handle, "scheduleUpdate"), schedule)
        .map((rs, ctx) -> row(rs))
        .findOne());
  }

  public Optional<ScheduleRow> scheduleGet(String name) {
    return jdbi.withHandle(handle -> Sql.query(handle, "scheduleGet")
        .bind("name", name)
        .map((rs, ctx) -> row(rs))
        .findOne());
  }

  /** Up to {@code limit} schedules in name order after {@code afterName} (null: from the first). */
  public List<ScheduleRow> scheduleList(String afterName, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "scheduleList")
        .bind("afterName", afterName)
        .bind("limit", limit)
        .map((rs, ctx) -> row(rs))
        .list());
  }

  /** Pauses or resumes; {@code nextDueAt} (null: unchanged) is the next tick from now on resume. Empty: none. */
  public Optional<ScheduleRow> scheduleSetPaused(String name, boolean paused, Instant nextDueAt) {
    return jdbi.withHandle(handle -> Sql.query(handle, "scheduleSetPaused")
        .bind("name", name)
        .bind("paused", paused)
        .bind("nextDueAt", offset(nextDueAt))
        .map((rs, ctx) -> row(rs))
        .findOne());
  }

  /** False when there was no such schedule. */
  public boolean scheduleDelete(String name) {
    return jdbi.withHandle(handle -> Sql.query(handle, "scheduleDelete")
        .bind("name", name)
        .mapTo(String.class)
        .findOne()
        .isPresent());
  }

  /** Deletes the declared schedules of these names (workflows whose code no longer declares one). */
  public List<String> scheduleDeleteDeclared(List<String> names) {
    return jdbi.withHandle(handle -> Sql.query(handle, "scheduleDeleteDeclared")
        .bind("names", ArrayArgument.of(String.class, names))
        .mapTo(String.class)
        .list());
  }

  /** When the earliest unpaused schedule is due. */
  public Optional<Instant> scheduleNextDue() {
    return jdbi.withHandle(handle -> Sql.query(handle, "scheduleNextDue")
        .map((rs, ctx) -> Rows.instant(rs, "min"))
        .findOne()
        .filter(at -> at != null));
  }

  /** A due schedule and the database's "now" when it was listed. */
  public record Due(ScheduleRow row, Instant now) {}

  /** Up to {@code limit} unpaused schedules whose next tick is due, earliest first; nothing is locked. */
  public List<Due> scheduleListDue(int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "scheduleListDue")
        .bind("limit", limit)
        .map((rs, ctx) -> new Due(row(rs), Rows.instant(rs, "listed_at")))
        .list());
  }

  /**
   * Moves the schedule on as {@code advance} says if its next tick is still {@code handledDueAt} and it is not paused;
   * false when another node moved it first (or it was paused or changed meanwhile).
   */
  public boolean scheduleAdvance(String name, Instant handledDueAt, Advance advance) {
    return jdbi.withHandle(handle -> Sql.query(handle, "scheduleAdvance")
        .bind("name", name)
        .bind("handledDueAt", offset(handledDueAt))
        .bind("nextDueAt", offset(advance.nextDueAt()))
        .bind("lastTickAt", offset(advance.lastTickAt()))
        .bind("lastRunId", advance.lastRunId())
        .bind("skipped", advance.skipped())
        .mapTo(String.class)
        .findOne()
        .isPresent());
  }

  private static <S extends SqlStatement<S>> S bindSpec(S statement, NewSchedule schedule) {
    return statement.bind("name", schedule.name())
        .bind("workflowName", schedule.workflowName())
        .bind("cron", schedule.cron())
        .bind("timeZone", schedule.timeZone())
        .bind("input", schedule.inputJson())
        .bind("metadata", schedule.metadataJson())
        .bind("priority", schedule.priority())
        .bind("missedTicks", schedule.missedTicks())
        .bind("overlap", schedule.overlap())
        .bind("declared", schedule.declared())
        .bind("nextDueAt", offset(schedule.nextDueAt()));
  }

  private static OffsetDateTime offset(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static ScheduleRow row(ResultSet rs) throws SQLException {
    return new ScheduleRow(
        rs.getString("name"),
        rs.getString("workflow_name"),
        rs.getString("cron"),
        rs.getString("time_zone"),
        rs.getString("input"),
        rs.getString("metadata"),
        rs.getInt("priority"),
        rs.getString("missed_ticks"),
        rs.getString("overlap"),
        rs.getBoolean("paused"),
        rs.getBoolean("declared"),
        Rows.instant(rs, "next_due_at"),
        Rows.instant(rs, "last_tick_at"),
        Rows.uuid(rs, "last_run_id"),
        rs.getLong("skipped_ticks"),
        Rows.instant(rs, "created_at"),
        Rows.instant(rs, "updated_at"));
  }
}
