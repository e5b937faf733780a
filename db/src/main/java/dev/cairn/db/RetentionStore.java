package dev.cairn.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The statements of retention: workflows' retention periods and the deletion of finished runs. Thread-safe. */
public final class RetentionStore {
  /** A workflow's own retention period; {@code retentionMillis} null: its finished runs are kept forever. */
  public record Retention(String workflowName, Long retentionMillis, boolean declared) {}

  /** A finished top-level run retention may delete, with its place in the scan (when it finished, its id). */
  public record Scanned(UUID id, Instant finishedAt) {}

  /** The keyset before the first run: scans start after it. */
  public static final Instant SCAN_START = Instant.parse("0001-01-01T00:00:00Z");
  public static final UUID SCAN_START_ID = new UUID(0, 0);

  private final Jdbi jdbi;

  RetentionStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<Retention> retentionList() {
    return jdbi.withHandle(handle -> Sql.query(handle, "retentionList")
        .map((rs, ctx) -> new Retention(rs.getString("workflow_name"),
            rs.getObject("retention_ms") == null ? null : rs.getLong("retention_ms"), rs.getBoolean("declared")))
        .list());
  }

  /**
   * Sets the workflow's retention ({@code retentionMillis} null: forever). Returns false when the API ({@code
   * declared} false) tried to change a retention the code declares; nothing is changed then.
   */
  public boolean retentionSet(String workflowName, Long retentionMillis, boolean declared) {
    return jdbi.withHandle(handle -> Sql.query(handle, "retentionSet")
        .bind("workflowName", workflowName)
        .bind("retentionMs", retentionMillis)
        .bind("declared", declared)
        .mapTo(String.class)
        .findOne()
        .isPresent());
  }

  /**
   * Returns the workflow to the default retention unless its retention is declared. Empty: it had none of its own;
   * otherwise whether it was declared (and therefore left).
   */
  public Optional<Boolean> retentionClear(String workflowName) {
    return jdbi.withHandle(handle -> Sql.query(handle, "retentionClear")
        .bind("workflowName", workflowName)
        .mapTo(Boolean.class)
        .findOne());
  }

  /** Deletes the declared retentions of the given workflows (their code declares none any more). */
  public void retentionDeleteDeclared(Collection<String> workflowNames) {
    jdbi.useHandle(handle -> Sql.update(handle, "retentionDeleteDeclared")
        .bind("names", ArrayArgument.of(String.class, workflowNames))
        .execute());
  }

  /** The distinct workflow names of all runs. */
  public List<String> runListWorkflowNames() {
    return jdbi.withHandle(handle -> Sql.query(handle, "runListWorkflowNames").mapTo(String.class).list());
  }

  /**
   * Up to {@code limit} top-level runs of the workflow that finished before {@code cutoff}, in the order they finished,
   * after the keyset.
   */
  public List<Scanned> runScanRetired(String workflowName, Instant cutoff, Instant afterFinishedAt, UUID afterId,
      int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runScanRetired")
        .bind("workflowName", workflowName)
        .bind("cutoff", Store.offset(cutoff))
        .bind("afterFinishedAt", Store.offset(afterFinishedAt))
        .bind("afterId", afterId)
        .bind("limit", limit)
        .map((rs, ctx) -> new Scanned(Rows.uuid(rs, "id"), Rows.instant(rs, "finished_at")))
        .list());
  }

  /**
   * Deletes the given runs with their child runs, steps, events and operations: each only if its whole tree is final
   * and holds no concurrency key, its parent (if any) succeeded, it finished before {@code finishedBefore} (null: any
   * time), and no other transaction holds a run of the tree. Returns the ids deleted.
   */
  public List<UUID> runDeleteTrees(Collection<UUID> runIds, Instant finishedBefore) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runDeleteTrees")
        .bind("runIds", ArrayArgument.of(UUID.class, runIds))
        .bind("finishedBefore", Store.offset(finishedBefore))
        .mapTo(UUID.class)
        .list());
  }

  /** Deletes up to {@code limit} pushed events older than {@code cutoff} that no waiting step can still receive. */
  public int pushedEventDeleteBefore(Instant cutoff, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "pushedEventDeleteBefore")
        .bind("cutoff", Store.offset(cutoff))
        .bind("limit", limit)
        .mapTo(Integer.class)
        .one());
  }
}
