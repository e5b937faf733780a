package dev.cairn.db;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The read-only statements of the web dashboard that the run and flow statements do not cover. Thread-safe. */
public final class DashboardStore {
  private final Jdbi jdbi;

  DashboardStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A child run with the step of its parent run that started it. */
  public record ChildRunRow(UUID id, String workflowName, String status, String parentStep, Instant createdAt,
      Instant finishedAt) {}

  /** A flow key's limit and what it holds, uses and holds back now; {@code maxUnits} null for none. */
  public record FlowKeyUsageRow(String kind, String rule, String key, Integer maxUnits, Long periodMs, long held,
      long used, long queued) {}

  /** Every flow key (concurrency and rate) with its current use, by kind, rule and key, at most {@code limit}. */
  public List<FlowKeyUsageRow> flowKeyUsage(int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "flowKeyUsage")
        .bind("limit", limit)
        .map((rs, ctx) -> new FlowKeyUsageRow(rs.getString("kind"), rs.getString("rule"), rs.getString("key"),
            (Integer) rs.getObject("max_units"), (Long) rs.getObject("period_ms"), rs.getLong("held"),
            rs.getLong("used"), rs.getLong("queued")))
        .list());
  }

  /** Runs matching {@code filter} (its cursor and limit are ignored) per status name; absent statuses have none. */
  public Map<String, Long> runCountByStatus(RunFilter filter) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbi.useHandle(handle -> Sql.query(handle, "runCountByStatus")
        .bind("workflowName", filter.workflowName())
        .bind("statuses", ArrayArgument.of(String.class, filter.statuses() == null ? List.of() : filter.statuses()))
        .bind("metadata", filter.metadataJson())
        .bind("createdFrom", Store.offset(filter.createdFrom()))
        .bind("createdTo", Store.offset(filter.createdTo()))
        .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("count")))
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue())));
    return counts;
  }

  /** The child runs of {@code parentRunId}, oldest first, at most {@code limit}. */
  public List<ChildRunRow> runListByParent(UUID parentRunId, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runListByParent")
        .bind("parentRunId", parentRunId)
        .bind("limit", limit)
        .map((rs, ctx) -> new ChildRunRow(Rows.uuid(rs, "id"), rs.getString("workflow_name"), rs.getString("status"),
            rs.getString("parent_step"), Rows.instant(rs, "created_at"), Rows.instant(rs, "finished_at")))
        .list());
  }
}
