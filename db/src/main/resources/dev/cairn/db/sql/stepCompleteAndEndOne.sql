-- stepCompleteAndEndAll for one step (StoreTx#runLockCompleteAndEndAll with one result): the same rows written and
-- answered, with the step's values as scalars. Its plan is a fraction of the general one's, which PostgreSQL sets up
-- at every execution (see BENCHMARKS.md). The checkpoint is fenced with stepCompleteAll's conditions (change all
-- three). The run's other steps must all have succeeded or been skipped, else run_did_not_end aborts the transaction.
WITH done AS (
    UPDATE <schema>.steps s
    SET status = 'SUCCEEDED', output = :output::jsonb, error = NULL,
        finished_at = coalesce(:now::timestamptz, now()), lease_expires_at = NULL, lease_holder = NULL
    WHERE s.id = :id::bigint AND s.run_id = :runId::uuid AND s.attempt = :attempt::int AND s.status = 'RUNNING'
      AND (:holder::text IS NULL OR s.lease_holder = :holder::text)
    RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
), judged AS (
    SELECT r.id, r.status IN ('QUEUED', 'RUNNING') AS unfinished,
           NOT EXISTS (SELECT 1 FROM <schema>.steps o
                       WHERE o.run_id = r.id AND o.status NOT IN ('SUCCEEDED', 'SKIPPED') AND o.id <> d.id) AS settled
    FROM <schema>.runs r
    JOIN done d ON d.run_id = r.id
), advanced AS (
    UPDATE <schema>.runs r
    SET last_event_seq = r.last_event_seq + CASE WHEN j.unfinished THEN 2 ELSE 1 END,
        status = CASE WHEN j.unfinished THEN 'SUCCEEDED' ELSE r.status END,
        error = CASE WHEN j.unfinished THEN NULL ELSE r.error END,
        finished_at = CASE WHEN j.unfinished THEN coalesce(:now::timestamptz, now()) ELSE r.finished_at END
    FROM judged j
    -- CASE, not OR: the refusal is evaluated only for a run that did not end.
    WHERE r.id = j.id AND CASE WHEN j.unfinished AND NOT j.settled THEN <schema>.run_did_not_end(j.id) ELSE true END
    RETURNING r.id, r.last_event_seq, j.unfinished
), appended AS (
    INSERT INTO <schema>.events (run_id, seq, type, step_name, attempt, payload, created_at)
    SELECT d.run_id, a.last_event_seq - CASE WHEN a.unfinished THEN 1 ELSE 0 END, 'STEP_SUCCEEDED', d.step_name,
           d.attempt, NULL::jsonb, coalesce(:now::timestamptz, now())
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
