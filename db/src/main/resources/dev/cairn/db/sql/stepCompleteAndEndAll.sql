-- The completion of steps that each end their run (its workflow's one terminal step, which every other step precedes,
-- with no on-failure step and no flow control), sent after runLockAll and before the commit, all in one round trip
-- (StoreTx#runLockCompleteAndEndAll). In one statement it writes what stepCompleteAll and CompletionBatch would have
-- written for it: the checkpoint (fenced like stepCompleteAll: only the current attempt of a RUNNING step, held by the
-- writer), STEP_SUCCEEDED for each step completed here and, for its run if unfinished, success in the same update of
-- the run's row (every step has succeeded or been skipped), with RUN_SUCCEEDED after the step's event. Such a step
-- releases no child. A run that does not end so (its steps are not those its definition here has, a replay's reset)
-- aborts the transaction through run_did_not_end (SQLSTATE CA001): nothing of the batch is written, and the caller
-- writes it the general way. (The statement's snapshot sees the steps as they were before it: those completed here
-- still RUNNING, hence "not among done" below.)
-- Rows come back tagged: 'done' for each step completed, 'ended' (run_id, ended) for each of their runs, of bounded
-- width, so that the commit goes in the same round trip (see DirectStatement).
WITH done AS (
    -- The checkpoint, word for word stepCompleteAll's (its fencing must not differ: change all three, with
    -- stepCompleteAndEndOne).
    UPDATE <schema>.steps s
    SET status = 'SUCCEEDED', output = x.output::jsonb, error = NULL,
        finished_at = coalesce(:now::timestamptz, now()), lease_expires_at = NULL, lease_holder = NULL
    FROM unnest(:ids::bigint[], :runIds::uuid[], :attempts::int[], :holders::text[], :outputs::text[])
         AS x(id, run_id, attempt, holder, output)
    WHERE s.id = x.id AND s.run_id = x.run_id AND s.attempt = x.attempt AND s.status = 'RUNNING'
      AND (x.holder IS NULL OR s.lease_holder = x.holder)
    RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
), judged AS (
    SELECT r.id, r.status IN ('QUEUED', 'RUNNING') AS unfinished,
           (SELECT count(*) FROM done d WHERE d.run_id = r.id) AS n,
           NOT EXISTS (SELECT 1 FROM <schema>.steps o
                       WHERE o.run_id = r.id AND o.status NOT IN ('SUCCEEDED', 'SKIPPED')
                         AND o.id NOT IN (SELECT id FROM done)) AS settled
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
SELECT 'done'::varchar(5) AS kind, d.id, d.run_id, d.step_name::varchar(1000) AS step_name,
       d.status::varchar(20) AS status, d.attempt, NULL::boolean AS ended
FROM done d
UNION ALL
SELECT 'ended'::varchar(5), NULL, a.id, NULL::varchar(1000), NULL::varchar(20), NULL, a.unfinished
FROM advanced a
