package dev.cairn;

import java.time.Instant;
import java.util.Map;

/**
 * Operating a workflow as a whole, on every node of the database: pausing it during an incident and resuming it.
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
}
