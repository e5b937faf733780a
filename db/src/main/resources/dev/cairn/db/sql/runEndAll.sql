-- The last statement of a completion whose steps each end their run (its workflow's one terminal step, which every
-- other step precedes, with no on-failure step and no flow control), sent after runLockAll and stepCompleteAll and
-- before the commit, all in one round trip (StoreTx#runLockCompleteAndEndAll). It reads what stepCompleteAll did in
-- this transaction (the step rows this transaction wrote) and writes what CompletionBatch would have written for it:
-- STEP_SUCCEEDED for each step of :ids completed here; for its run, if unfinished, success in the same update of the
-- run's row (every step has succeeded or been skipped), with RUN_SUCCEEDED after the step's event. A run that does
-- not end so (its steps are not those its definition here has, a replay's reset) aborts the transaction through
-- run_did_not_end (SQLSTATE CA001): nothing of the batch is written, and the caller writes it the general way.
WITH done AS (
    SELECT s.id, s.run_id, s.step_name, s.attempt
    FROM <schema>.steps s
    WHERE s.id = ANY(:ids::bigint[]) AND s.status = 'SUCCEEDED' AND s.xmin = pg_current_xact_id()::xid
), judged AS (
    SELECT r.id, r.status IN ('QUEUED', 'RUNNING') AS unfinished,
           (SELECT count(*) FROM done d WHERE d.run_id = r.id) AS n,
           NOT EXISTS (SELECT 1 FROM <schema>.steps o
                       WHERE o.run_id = r.id AND o.status NOT IN ('SUCCEEDED', 'SKIPPED')) AS settled
    FROM <schema>.runs r
    WHERE r.id IN (SELECT run_id FROM done)
), advanced AS (
    UPDATE <schema>.runs r
    SET last_event_seq = r.last_event_seq + j.n + CASE WHEN j.unfinished THEN 1 ELSE 0 END,
        status = CASE WHEN j.unfinished THEN 'SUCCEEDED' ELSE r.status END,
        error = CASE WHEN j.unfinished THEN NULL ELSE r.error END,
        finished_at = CASE WHEN j.unfinished THEN coalesce(:now::timestamptz, now()) ELSE r.finished_at END
    FROM judged j
    -- CASE, not OR: the refusal is evaluated only for a run that did not end.
    WHERE r.id = j.id AND CASE WHEN j.unfinished AND NOT j.settled THEN <schema>.run_did_not_end(j.id) ELSE true END
    RETURNING r.id, r.last_event_seq, j.n, j.unfinished
), appended AS (
    INSERT INTO <schema>.events (run_id, seq, type, step_name, attempt, payload, created_at)
    SELECT d.run_id,
           a.last_event_seq - a.n - CASE WHEN a.unfinished THEN 1 ELSE 0 END
               + row_number() OVER (PARTITION BY d.run_id ORDER BY d.id),
           'STEP_SUCCEEDED', d.step_name, d.attempt, NULL::jsonb, coalesce(:now::timestamptz, now())
    FROM done d
    JOIN advanced a ON a.id = d.run_id
    UNION ALL
    SELECT a.id, a.last_event_seq, 'RUN_SUCCEEDED', NULL, NULL, NULL, coalesce(:now::timestamptz, now())
    FROM advanced a
    WHERE a.unfinished
    RETURNING 1
)
SELECT a.id, a.unfinished AS ended
FROM advanced a
