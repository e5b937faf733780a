package dev.cairn.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The statements of the worker inventory (the workers table). Thread-safe. */
public final class WorkerStore {
  private final Jdbi jdbi;

  WorkerStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Writes a worker's row, stale after {@code staleAfter} without another write. With {@code takeOver} (a
   * registration) the row becomes this session's; without (a heartbeat) it is written only while it is still this
   * session's and not gone. Returns whether it was written.
   */
  public boolean workerUpsert(WorkerRegistration worker, WorkerLoad load, Duration staleAfter, boolean takeOver) {
    return jdbi.withHandle(handle -> Sql.query(handle, "workerUpsert")
        .bind("holder", worker.holder())
        .bind("workerId", worker.workerId())
        .bind("kind", worker.kind())
        .bind("tokenId", worker.tokenId())
        .bind("nodeId", worker.nodeId())
        .bind("sessionId", worker.sessionId())
        .bind("host", worker.host())
        .bind("address", worker.address())
        .bind("version", worker.version())
        .bind("labels", worker.labelsJson())
        .bind("slots", worker.slots())
        .bind("slotsUsed", load.slotsUsed())
        .bind("running", load.runningJson())
        .bind("definitions", worker.definitionsJson())
        .bind("staleAfterMs", staleAfter.toMillis())
        .bind("takeOver", takeOver)
        .mapTo(String.class)
        .findOne()
        .isPresent());
  }

  /** Marks the session's row gone (unless another session took it over); returns whether it was marked. */
  public boolean workerGone(String holder, String sessionId, String reason) {
    return jdbi.withHandle(handle -> Sql.query(handle, "workerGone")
        .bind("holder", holder)
        .bind("sessionId", sessionId)
        .bind("reason", reason)
        .mapTo(String.class)
        .findOne()
        .isPresent());
  }

  /** One page of the inventory by (worker id, holder). */
  public List<WorkerRow> workerList(WorkerFilter filter) {
    return jdbi.withHandle(handle -> Sql.query(handle, "workerList")
        .bind("workflowName", filter.workflowName())
        .bind("labels", filter.labelsJson())
        .bind("connectedOnly", filter.connectedOnly())
        .bind("afterWorkerId", filter.afterWorkerId())
        .bind("afterHolder", filter.afterHolder())
        .bind("limit", filter.limit())
        .map((rs, ctx) -> row(rs))
        .list());
  }

  /** Deletes the rows of workers gone or stale before {@code cutoff}; returns how many. */
  public int workerDeleteGone(Instant cutoff) {
    return jdbi.withHandle(handle -> Sql.update(handle, "workerDeleteGone")
        .bind("cutoff", cutoff.atOffset(ZoneOffset.UTC))
        .execute());
  }

  private static WorkerRow row(ResultSet rs) throws SQLException {
    WorkerRegistration registration = new WorkerRegistration(rs.getString("holder"), rs.getString("worker_id"),
        rs.getString("kind"), rs.getString("token_id"), rs.getString("node_id"), rs.getString("session_id"),
        rs.getString("host"), rs.getString("address"), rs.getString("version"), rs.getString("labels"),
        rs.getInt("slots"), rs.getString("definitions"));
    return new WorkerRow(registration, new WorkerLoad(rs.getInt("slots_used"), rs.getString("running")),
        Rows.instant(rs, "connected_at"), Rows.instant(rs, "heartbeat_at"), Rows.instant(rs, "stale_at"),
        Rows.instant(rs, "gone_at"), rs.getString("gone_reason"), rs.getString("state"));
  }
}
