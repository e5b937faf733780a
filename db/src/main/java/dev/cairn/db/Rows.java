package dev.cairn.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Row mappers, one per row type. */
final class Rows {
  private Rows() {}

  /** A list as PostgreSQL array text ({@code {1,2,3}}), or null for null or empty (no array). */
  static String arrayText(List<? extends Number> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      text.append(i == 0 ? "" : ",").append(values.get(i));
    }
    return text.append('}').toString();
  }

  /** PostgreSQL integer array text ({@code {1,2,3}}) as numbers; null or empty text gives an empty list. */
  static List<Long> longs(String text) {
    if (text == null || text.length() <= 2) {
      return List.of();
    }
    List<Long> values = new ArrayList<>();
    for (String part : text.substring(1, text.length() - 1).split(",")) {
      values.add(Long.parseLong(part.strip()));
    }
    return values;
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static StepChange stepChange(ResultSet rs) throws SQLException {
    return new StepChange(
        rs.getLong("id"), uuid(rs, "run_id"), rs.getString("step_name"), rs.getString("status"), rs.getInt("attempt"));
  }

  static AttemptRef attemptRef(ResultSet rs) throws SQLException {
    return new AttemptRef(rs.getLong("id"), uuid(rs, "run_id"), rs.getInt("attempt"), null);
  }

  static ClaimedStep claimedStep(ResultSet rs) throws SQLException {
    return new ClaimedStep(
        rs.getLong("id"),
        uuid(rs, "run_id"),
        rs.getString("workflow_name"),
        rs.getString("step_name"),
        rs.getInt("attempt"),
        rs.getInt("failures"),
        instant(rs, "queued_at"),
        instant(rs, "started_at"),
        rs.getString("input"),
        rs.getString("metadata"),
        rs.getString("parent_outputs"),
        rs.getString("trace_parent"));
  }

  static RunRow run(ResultSet rs) throws SQLException {
    return run(rs, "", "id");
  }

  /** A run from columns named with {@code prefix} (its id in {@code idColumn}), beside other columns in one row. */
  static RunRow run(ResultSet rs, String prefix, String idColumn) throws SQLException {
    return new RunRow(
        uuid(rs, idColumn),
        rs.getString(prefix + "workflow_name"),
        rs.getString(prefix + "status"),
        rs.getString(prefix + "input"),
        rs.getString(prefix + "metadata"),
        rs.getString(prefix + "idempotency_key"),
        rs.getInt(prefix + "priority"),
        rs.getString(prefix + "error"),
        rs.getLong(prefix + "last_event_seq"),
        instant(rs, prefix + "created_at"),
        instant(rs, prefix + "started_at"),
        instant(rs, prefix + "finished_at"),
        uuid(rs, prefix + "parent_run_id"),
        instant(rs, prefix + "start_at"));
  }

  static StepRow step(ResultSet rs) throws SQLException {
    return new StepRow(
        rs.getLong("id"),
        uuid(rs, "run_id"),
        rs.getString("step_name"),
        rs.getString("status"),
        rs.getBoolean("on_failure"),
        rs.getInt("attempt"),
        rs.getInt("failures"),
        rs.getInt("lease_expiries"),
        rs.getString("worker_id"),
        rs.getString("lease_holder"),
        instant(rs, "queued_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getString("output"),
        rs.getString("error"),
        rs.getString("blocked_reason"));
  }

  static LockedRun lockedRun(ResultSet rs) throws SQLException {
    long parentStep = rs.getLong("parent_step_id");
    return new LockedRun(uuid(rs, "id"), rs.getString("workflow_name"), rs.getString("status"),
        uuid(rs, "parent_run_id"), rs.wasNull() ? null : parentStep);
  }

  static StepOp stepOp(ResultSet rs) throws SQLException {
    return new StepOp(rs.getString("kind"), rs.getString("signature"), instant(rs, "wake_at"), instant(rs, "since"),
        rs.getString("result"), instant(rs, "db_now"));
  }

  static TokenRow token(ResultSet rs) throws SQLException {
    return new TokenRow(rs.getString("id"), rs.getString("name"), rs.getString("role"), rs.getBytes("secret_hash"),
        instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"), rs.getString("worker_id"));
  }

  static EventRow event(ResultSet rs) throws SQLException {
    return new EventRow(
        uuid(rs, "run_id"),
        rs.getLong("seq"),
        rs.getString("type"),
        rs.getString("step_name"),
        nullableInt(rs, "attempt"),
        rs.getString("payload"),
        instant(rs, "created_at"));
  }
}
