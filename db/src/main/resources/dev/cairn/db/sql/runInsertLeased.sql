-- The fast path's common trigger, leaner than runInsertAll: one top-level run, with no idempotency key, delay, keys,
-- stickiness, labels or routing, started leased to :leaseHolder (worker :leaseWorkerId) as runInsertAll would start
-- it under a DirectLease: the run RUNNING with :lastEventSeq, its first steps (:statuses 'QUEUED') RUNNING in attempt
-- 1, the others PENDING, and its events (:seqs, the caller's queued events then RUN_STARTED and one STEP_STARTED per
-- first step) appended. Nothing is inserted while its workflow is paused (the caller then inserts it the general way).
-- Returns one row per first step with what running it needs. No step is left queued: no dispatcher is woken.
-- (runInsertAll's plan is hundreds of expressions set up anew at each execution for the cases it covers: about 0.1 ms
-- more than this one's for a single run; see BENCHMARKS.md.)
WITH inserted AS (
    INSERT INTO <schema>.runs (id, workflow_name, status, input, metadata, priority, last_event_seq,
                               definition_fingerprint, created_at, deadline_at, trace_parent, started_at)
    SELECT :id::uuid, :workflowName::text, 'RUNNING', :input::jsonb, :metadata::jsonb, :priority::int,
           :lastEventSeq::bigint, :fingerprint::text, coalesce(:now::timestamptz, now()), :deadline::timestamptz,
           :traceParent::text, coalesce(:now::timestamptz, now())
    WHERE NOT EXISTS (SELECT 1 FROM <schema>.workflow_pauses wp WHERE wp.workflow_name = :workflowName::text)
    RETURNING id, workflow_name, created_at, input::text AS input, metadata::text AS metadata, trace_parent
), steps_inserted AS (
    INSERT INTO <schema>.steps (run_id, workflow_name, step_name, parent_names, pending_parents, on_failure, status,
                                priority, schedule_timeout_ms, queued_at, available_at, definition_fingerprint,
                                attempt, worker_id, lease_holder, lease_expires_at, started_at)
    SELECT i.id, i.workflow_name, s.step_name, string_to_array(s.parent_names, ','), s.pending_parents, s.on_failure,
           CASE WHEN s.first THEN 'RUNNING' ELSE 'PENDING' END, :priority::int, s.schedule_timeout_ms,
           CASE WHEN s.first THEN i.created_at END, i.created_at, :fingerprint::text,
           CASE WHEN s.first THEN 1 ELSE 0 END,
           CASE WHEN s.first THEN :leaseWorkerId::text END,
           CASE WHEN s.first THEN :leaseHolder::text END,
           CASE WHEN s.first THEN i.created_at + make_interval(secs => :leaseMillis::bigint / 1000.0) END,
           CASE WHEN s.first THEN i.created_at END
    FROM inserted i,
         unnest(:stepNames::text[], :parentNames::text[], :pendingParents::int[], :onFailure::boolean[],
                :firsts::boolean[], :scheduleTimeoutsMillis::bigint[]) WITH ORDINALITY
             AS s(step_name, parent_names, pending_parents, on_failure, first, schedule_timeout_ms, ordinal)
    -- Step ids follow the order given (definition order), as runInsertAll numbers them.
    ORDER BY s.ordinal
    RETURNING id, step_name, status, queued_at, started_at
), events_inserted AS (
    INSERT INTO <schema>.events (run_id, seq, type, step_name, attempt, payload, created_at)
    SELECT i.id, e.seq, e.type, e.step_name, e.attempt,
           CASE WHEN e.type = 'STEP_STARTED' THEN jsonb_build_object('worker', :leaseWorkerId::text) END, i.created_at
    FROM inserted i,
         unnest(:seqs::bigint[], :types::text[], :eventStepNames::text[], :attempts::int[])
             AS e(seq, type, step_name, attempt)
    RETURNING 1
)
SELECT i.id, st.id AS step_id, st.step_name, i.workflow_name, st.queued_at, st.started_at, i.input, i.metadata,
       i.trace_parent
FROM inserted i
JOIN steps_inserted st ON st.status = 'RUNNING'
ORDER BY st.id
