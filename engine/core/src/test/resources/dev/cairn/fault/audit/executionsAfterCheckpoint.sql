-- (b) Step bodies that started after their step's SUCCEEDED checkpoint committed: "an already-succeeded step ran
-- again". A body's start is its execution row's started_at (the clock read by its first instruction; recorded_at,
-- the database clock at the insert one round trip later, is shown beside it). The checkpoint's commit is
-- the commit timestamp of the transaction that appended the step's first STEP_SUCCEEDED event, the same
-- transaction that stored the output (track_commit_timestamp is on); steps.finished_at, that transaction's start
-- and so earlier, stands in if the timestamp is missing. Each line names the attempt that ran, the worker, how
-- late it was, and every assignment (STEP_STARTED) of the step, to lay beside the fault log.
WITH checkpoints AS (
    SELECT s.run_id, s.step_name, s.attempt, s.worker_id,
           coalesce((SELECT min(pg_xact_commit_timestamp(e.xmin))
                     FROM cairn.events e
                     WHERE e.run_id = s.run_id AND e.step_name = s.step_name AND e.type = 'STEP_SUCCEEDED'),
                    s.finished_at) AS committed_at
    FROM cairn.steps s
    WHERE s.status = 'SUCCEEDED'
)
SELECT 'an already-succeeded step ran again: run ' || x.run_id || ' step ' || x.step_name || ' attempt ' || x.attempt
       || ' started on ' || x.worker || ' at ' || to_char(x.started_at, 'HH24:MI:SS.MS')
       || ' (recorded ' || to_char(x.recorded_at, 'HH24:MI:SS.MS') || '), '
       || round(extract(epoch FROM x.started_at - c.committed_at) * 1000) || ' ms after attempt ' || c.attempt
       || ' (' || coalesce(c.worker_id, '?') || ') committed its checkpoint at '
       || to_char(c.committed_at, 'HH24:MI:SS.MS') || '; assignments: '
       || (SELECT string_agg('attempt ' || e.attempt || ' to ' || coalesce(e.payload ->> 'worker', '?') || ' at '
                             || to_char(e.created_at, 'HH24:MI:SS.MS'), ', ' ORDER BY e.seq)
           FROM cairn.events e
           WHERE e.run_id = x.run_id AND e.step_name = x.step_name AND e.type = 'STEP_STARTED')
FROM fault_audit.executions x
JOIN checkpoints c ON c.run_id = x.run_id AND c.step_name = x.step_name
WHERE x.started_at > c.committed_at
ORDER BY x.started_at
