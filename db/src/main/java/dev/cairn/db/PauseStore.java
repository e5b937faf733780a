package dev.cairn.db;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The statements of paused workflows (the claims read the table themselves: see {@link Claim}). Thread-safe. */
public final class PauseStore {
  private final Jdbi jdbi;

  PauseStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Pauses the workflow; returns since when it is paused (an earlier pause's time if it was paused already). */
  public Instant workflowPause(String workflowName) {
    return jdbi.withHandle(handle -> Sql.query(handle, "workflowPause")
        .bind("workflowName", workflowName)
        .map((rs, ctx) -> Rows.instant(rs, "paused_at"))
        .one());
  }

  /** Resumes the workflow and sends {@code wake}; false when it was not paused (nothing is sent then). */
  public boolean workflowResume(String workflowName, Notification wake) {
    return jdbi.withHandle(handle -> Sql.query(handle, "workflowResume")
        .bind("workflowName", workflowName)
        .bind("channel", wake.channel())
        .bind("sender", wake.payload())
        .mapTo(String.class)
        .findOne()
        .isPresent());
  }

  /** Since when the workflow is paused; empty when it is not. */
  public Optional<Instant> workflowPausedSince(String workflowName) {
    return jdbi.withHandle(handle -> Sql.query(handle, "workflowPausedSince")
        .bind("workflowName", workflowName)
        .map((rs, ctx) -> Rows.instant(rs, "paused_at"))
        .findOne());
  }

  /** The paused workflows and since when, in name order. */
  public Map<String, Instant> workflowListPaused() {
    Map<String, Instant> paused = new LinkedHashMap<>();
    jdbi.useHandle(handle -> Sql.query(handle, "workflowListPaused")
        .map((rs, ctx) -> Map.entry(rs.getString("workflow_name"), Rows.instant(rs, "paused_at")))
        .forEach(entry -> paused.put(entry.getKey(), entry.getValue())));
    return paused;
  }
}
