package dev.cairn;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Operating a workflow as a whole, on every node of the database: pausing it during an incident and resuming it,
 * and how long its finished runs are kept.
 * The embedded engine ({@code Cairn.workflows()}) and a client ({@code CairnClient.workflows()}) both implement
 * it. Thread-safe.
 */
public interface Workflows {
  /**
   * Pauses the workflow: no queued step of its runs starts, neither of runs queued now nor of runs triggered (or
   * due) later; each such step shows the pause as its blocked reason. Running steps finish, and the steps they
   * release wait too. Idempotent.
   *
   * @return since when it is paused (the first pause's time when it was paused already)
   * @throws CairnException if no node or worker knows the workflow
   */
  Instant pause(String workflowName);

  /**
   * Resumes the workflow: its held steps start in the usual order (priority, then age).
   *
   * @return false when it was not paused
   */
  boolean resume(String workflowName);

  /** The paused workflows and since when, in name order. */
  Map<String, Instant> paused();

  /** The retention period that keeps finished runs forever. */
  Duration KEEP_FOREVER = ChronoUnit.FOREVER.getDuration();

  /** The shortest retention period. */
  Duration MIN_RETENTION = Duration.ofMinutes(1);

  /** The longest retention period short of {@link #KEEP_FOREVER}: 100 years. */
  Duration MAX_RETENTION = Duration.ofDays(36_500);

  /**
   * Sets how long finished runs of the workflow are kept from when they finished, instead of the engine's default
   * ({@code Cairn.Builder.retention}); {@link #KEEP_FOREVER} keeps them. Child runs are deleted with their top-level
   * run, whatever their own workflow's retention. A workflow no node or worker knows yet may be given its period
   * ahead of its first run.
   *
   * @throws IllegalArgumentException for a period outside {@link #MIN_RETENTION}..{@link #MAX_RETENTION}
   * @throws IllegalStateException if the workflow's code declares its retention ({@code @Workflow(retention)})
   */
  void setRetention(String workflowName, Duration period);

  /**
   * Returns the workflow to the engine's default retention.
   *
   * @return false when it had no retention of its own
   * @throws IllegalStateException if the workflow's code declares its retention
   */
  boolean clearRetention(String workflowName);

  /** The workflows whose retention differs from the engine's default ({@link #KEEP_FOREVER}: kept), by name. */
  Map<String, Duration> retentions();
}
