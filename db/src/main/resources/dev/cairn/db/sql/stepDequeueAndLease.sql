-- Claims up to :limit queued steps and leases them to one worker, atomically: a claimed row is RUNNING with an
-- owner and a lease deadline in the same statement that picked it, so no row is ever taken and then lost.
-- SKIP LOCKED lets any number of nodes dequeue at once without waiting on each other.
-- The same statement starts the claimed steps' runs (QUEUED -> RUNNING) and appends RUN_STARTED and STEP_STARTED
-- to their event logs, taking the run locks in id order like every other writer of a run's events.
-- Only steps of runs started with one of :fingerprints (the definitions the claiming worker serves) are taken.
-- Each row comes back with its run's input, metadata and trace parent and its parents' outputs: running it needs no
-- more queries.
WITH next AS (
    -- <candidates> is "gate_key IS NULL" (steps free to claim, on the steps_queue index) or "id = ANY(:ids)" (steps
    -- the caller's transaction just admitted past their keys and holds locked).
    SELECT id
    FROM <schema>.steps s
    WHERE status = 'QUEUED' AND available_at <= coalesce(:now::timestamptz, now())
      AND workflow_name = ANY(:workflowNames::text[])
      AND (definition_fingerprint IS NULL OR definition_fingerprint = ANY(:fingerprints::text[]))
      AND (label_sig IS NULL OR label_sig = ANY(:labelSigs::text[]))
      AND <candidates>
      <routing>
    ORDER BY priority DESC, id
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE <schema>.steps s
    SET status = 'RUNNING',
        attempt = s.attempt + 1,
        worker_id = :workerId,
        lease_holder = :holder,
        lease_expires_at = coalesce(:now::timestamptz, now()) + make_interval(secs => :leaseMillis / 1000.0),
        started_at = coalesce(:now::timestamptz, now()),
        schedule_deadline = NULL, blocked_reason = NULL,
        wait_kind = NULL, wake_at = NULL, wait_runs = NULL, wait_event_key = NULL, wait_event_since = NULL
    FROM next
    WHERE s.id = next.id
    RETURNING s.id, s.run_id, s.workflow_name, s.step_name, s.attempt, s.failures, s.queued_at, s.started_at,
              s.parent_names
), run_locks AS MATERIALIZED (
    SELECT r.id, r.status AS status_before
    FROM <schema>.runs r
    WHERE r.id = ANY(ARRAY(SELECT run_id FROM claimed))
    ORDER BY r.id
    FOR UPDATE
), advanced AS (
    UPDATE <schema>.runs r
    SET last_event_seq = r.last_event_seq + c.n + CASE WHEN r.status = 'QUEUED' THEN 1 ELSE 0 END,
        status = CASE WHEN r.status = 'QUEUED' THEN 'RUNNING' ELSE r.status END,
        started_at = CASE WHEN r.status = 'QUEUED' THEN coalesce(:now::timestamptz, now()) ELSE r.started_at END,
        -- A sticky run sticks to the worker of its first claimed step.
        sticky_worker = CASE WHEN r.sticky IS NOT NULL AND r.sticky_worker IS NULL THEN :workerId
                             ELSE r.sticky_worker END
    FROM run_locks l
         JOIN (SELECT run_id, count(*) AS n FROM claimed GROUP BY run_id) c ON c.run_id = l.id
    WHERE r.id = l.id
      -- Every lock is taken, in id order, before the first run is updated (a check made once, before any row). A
      -- condition "r.id = ANY(ids of run_locks)" did that too, but the plan probed the index for every locked run
      -- once per claimed run: quadratic in the claim.
      AND (SELECT count(*) FROM run_locks) >= 0
    -- Started now if it was QUEUED when locked (RETURNING sees the new status; run_locks the one before).
    RETURNING r.id, r.last_event_seq, c.n, l.status_before = 'QUEUED' AS run_started,
              r.input::text AS input, r.metadata::text AS metadata, r.trace_parent
), numbered AS (
    SELECT c.*, a.input, a.metadata, a.trace_parent,
           a.last_event_seq - a.n + row_number() OVER (PARTITION BY c.run_id ORDER BY c.id) AS seq
    FROM claimed c
    JOIN advanced a ON a.id = c.run_id
), run_events AS (
    INSERT INTO <schema>.events (run_id, seq, type, created_at)
    SELECT id, last_event_seq - n, 'RUN_STARTED', coalesce(:now::timestamptz, now()) FROM advanced WHERE run_started
    RETURNING 1
), step_events AS (
    INSERT INTO <schema>.events (run_id, seq, type, step_name, attempt, payload, created_at)
    SELECT run_id, seq, 'STEP_STARTED', step_name, attempt, jsonb_build_object('worker', :workerId::text), coalesce(:now::timestamptz, now())
    FROM numbered
    RETURNING 1
)
SELECT n.id, n.run_id, n.workflow_name, n.step_name, n.attempt, n.failures, n.queued_at, n.started_at,
       n.input, n.metadata, n.trace_parent,
       (SELECT jsonb_object_agg(p.step_name, p.output)::text
        FROM <schema>.steps p
        WHERE p.run_id = n.run_id AND p.step_name = ANY(n.parent_names)) AS parent_outputs
FROM numbered n
ORDER BY n.id
