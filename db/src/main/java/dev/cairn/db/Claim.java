package dev.cairn.db;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Who claims steps and which: the workflows and definition fingerprints it serves, the worker-label signatures it
 * meets, how many steps it takes at most, whom the leases go to, and how it stands on routing preferences.
 *
 * @param labelSigs signatures of label requirements the claimer meets (steps with another signature are not taken)
 * @param holder the lease holder written on each claimed step ("node/..." or "token id/worker id")
 * @param laterSigs signatures of preferred labels a better connected worker meets: such steps are taken only
 *     after they waited {@code graceMillis}
 * @param sticky whether the claimer serves sticky workflows (their runs' steps go to the worker of the first one)
 * @param runIds when not null, only steps of these runs are taken: a transaction that already holds these runs'
 *     locks (it just wrote them) claims their steps without waiting for another run's lock
 */
public record Claim(Collection<String> workflowNames, Collection<String> fingerprints, Collection<String> labelSigs,
    int limit, String workerId, String holder, long leaseMillis, Collection<String> laterSigs,
    boolean sticky, long graceMillis, Collection<UUID> runIds) {
  public Claim {
    runIds = runIds == null ? null : List.copyOf(runIds);
    workflowNames = List.copyOf(workflowNames);
    fingerprints = List.copyOf(fingerprints);
    labelSigs = List.copyOf(labelSigs);
    laterSigs = List.copyOf(laterSigs);
  }

  /** The same claim for at most {@code limit} steps. */
  public Claim withLimit(int limit) {
    return new Claim(workflowNames, fingerprints, labelSigs, limit, workerId, holder, leaseMillis, laterSigs,
        sticky, graceMillis, runIds);
  }

  /**
   * The routing conditions on a candidate step {@code s} (SQL, for the {@code <routing>} slot of the claim
   * statements): its workflow is not paused; and, as the claimer's situation asks, it is of one of the given runs,
   * waited out a better worker's grace, or sticks to no other worker.
   */
  String routing(String schema) {
    // A paused workflow's steps stay queued. The paused names are read once per statement (an uncorrelated
    // subquery) and each step is compared with them, so the claim keeps walking its index in order and stops at its
    // limit. As NOT EXISTS, the planner made an anti-join of it, guessed it would leave one row, and sorted every
    // step queued behind a rate key on each claim instead (93 ms a call with 20,000 runs queued; the rate-limited
    // benchmark fell from 0.58 to 0.24 of unconstrained).
    StringBuilder clause = new StringBuilder(" AND s.workflow_name <> ALL (ARRAY(SELECT wp.workflow_name FROM ")
        .append(schema).append(".workflow_pauses wp))");
    if (runIds != null) {
      clause.append(" AND s.run_id = ANY(:runIds::uuid[])");
    }
    String graceOver = "s.available_at <= coalesce(:now::timestamptz, now()) - make_interval(secs => :graceMillis / 1000.0)";
    if (!laterSigs.isEmpty()) {
      clause.append(" AND (s.prefer_sig IS NULL OR s.prefer_sig <> ALL(:laterSigs::text[]) OR ").append(graceOver)
          .append(')');
    }
    if (sticky) {
      clause.append(" AND NOT EXISTS (SELECT 1 FROM ").append(schema).append(".runs sr WHERE sr.id = s.run_id")
          .append(" AND sr.sticky_worker IS NOT NULL AND sr.sticky_worker <> :workerId")
          .append(" AND (sr.sticky = 'HARD' OR NOT ").append(graceOver).append("))");
    }
    return clause.toString();
  }
}
