-- Inserts new runs with their step rows and first events, and wakes the dispatchers, in one statement.
-- A run with a start time (:startAts, ISO text or null) is delayed: its first steps become claimable then.
-- A run whose (workflow, idempotency key), or (parent step, child key), exists already is skipped with its steps
-- and events; the caller looks it up. Returns the ids actually inserted.
-- Child runs are fenced by their parent's attempt: when :fenceStepId is set, nothing is inserted unless that
-- step is RUNNING in run :parentRunId with attempt :fenceAttempt, leased to :fenceHolder (null: the engine itself)
-- (a superseded or cancelled parent, or another worker, cannot start children).
-- The fast path: the runs in :leaseRuns (their first steps are free to run at once) start leased to :leaseHolder
-- (worker :leaseWorkerId) unless their workflow is paused: the run RUNNING, its first steps RUNNING in attempt 1,
-- RUN_STARTED and STEP_STARTED appended after the queued events, as a claim would have left them. The trigger then
-- needs no claim of its own. Each such step comes back as a row with what running it needs.
WITH inserted AS (
    INSERT INTO <schema>.runs (id, workflow_name, status, input, metadata, idempotency_key, priority, last_event_seq,
                               parent_run_id, parent_step_id, child_key, definition_fingerprint, created_at,
                               flow_keys, sticky, start_at, deadline_at, trace_parent, started_at)
    SELECT r.id, r.workflow_name, CASE WHEN r.leased THEN 'RUNNING' ELSE 'QUEUED' END, r.input::jsonb,
           r.metadata::jsonb, r.idempotency_key, r.priority,
           CASE WHEN r.leased THEN r.leased_event_count ELSE r.event_count END, :parentRunId::uuid,
           :fenceStepId::bigint, r.child_key, r.fingerprint,
           coalesce(:now::timestamptz, now()), r.flow_keys::bigint[], r.sticky, r.start_at::timestamptz,
           r.deadline_at::timestamptz, r.trace_parent, CASE WHEN r.leased THEN coalesce(:now::timestamptz, now()) END
    FROM (SELECT u.*, :leaseHolder::text IS NOT NULL AND u.id = ANY(:leaseRuns::uuid[])
                      AND u.workflow_name <> ALL (ARRAY(SELECT wp.workflow_name FROM <schema>.workflow_pauses wp)) AS leased
          FROM unnest(:ids::uuid[], :workflowNames::text[], :inputs::text[], :metadata::text[],
                      :idempotencyKeys::text[], :priorities::int[], :eventCounts::bigint[],
                      :leasedEventCounts::bigint[], :childKeys::text[], :fingerprints::text[],
                      :runFlowKeys::text[], :sticky::text[], :startAts::text[],
                      :deadlines::text[], :traceParents::text[])
               AS u(id, workflow_name, input, metadata, idempotency_key, priority, event_count, leased_event_count,
                    child_key, fingerprint, flow_keys, sticky, start_at, deadline_at, trace_parent)) r
    WHERE :fenceStepId::bigint IS NULL
       OR EXISTS (SELECT 1 FROM <schema>.steps f
                  WHERE f.id = :fenceStepId::bigint AND f.run_id = :parentRunId::uuid AND f.attempt = :fenceAttempt::int
                    AND f.status = 'RUNNING'
                    AND (:fenceHolder::text IS NULL OR f.lease_holder = :fenceHolder::text))
    ON CONFLICT DO NOTHING
    RETURNING id, start_at, workflow_name, definition_fingerprint, status = 'RUNNING' AS leased, last_event_seq,
              CASE WHEN status = 'RUNNING' THEN input::text END AS input,
              CASE WHEN status = 'RUNNING' THEN metadata::text END AS metadata, trace_parent
), steps_inserted AS (
    INSERT INTO <schema>.steps (run_id, workflow_name, step_name, parent_names, pending_parents, on_failure, status,
                                priority, schedule_timeout_ms, queued_at, available_at, schedule_deadline,
                                definition_fingerprint, flow_keys, flow_units, gate_key, label_sig, prefer_sig,
                                attempt, worker_id, lease_holder, lease_expires_at, started_at)
    SELECT s.run_id, s.workflow_name, s.step_name, string_to_array(s.parent_names, ','), s.pending_parents,
           s.on_failure, CASE WHEN s.leased THEN 'RUNNING' ELSE s.status END, s.priority, s.schedule_timeout_ms,
           -- A delayed run's first steps are queued from its start time (available_at is when they may run).
           CASE WHEN s.status = 'QUEUED' THEN coalesce(s.run_start_at, :now::timestamptz, now()) END,
           coalesce(s.run_start_at, :now::timestamptz, now()),
           CASE WHEN s.status = 'QUEUED' AND NOT s.leased
                THEN coalesce(s.run_start_at, :now::timestamptz, now())
                     + make_interval(secs => s.schedule_timeout_ms / 1000.0) END,
           s.run_fingerprint,
           s.flow_keys::bigint[], s.flow_units::int[], s.gate_key, s.label_sig, s.prefer_sig,
           CASE WHEN s.leased THEN 1 ELSE 0 END,
           CASE WHEN s.leased THEN :leaseWorkerId::text END,
           CASE WHEN s.leased THEN :leaseHolder::text END,
           CASE WHEN s.leased THEN coalesce(:now::timestamptz, now())
                                   + make_interval(secs => :leaseMillis::bigint / 1000.0) END,
           CASE WHEN s.leased THEN coalesce(:now::timestamptz, now()) END
    -- The run's fingerprint comes with its row (a lookup in :fingerprints per step was a scan of the whole array:
    -- quadratic in the batch, 1,500 steps x 500 runs).
    FROM (SELECT u.*, inserted.start_at AS run_start_at, inserted.leased AND u.status = 'QUEUED' AS leased,
                 inserted.definition_fingerprint AS run_fingerprint
          FROM unnest(:stepRunIds::uuid[], :stepWorkflowNames::text[], :stepNames::text[], :parentNames::text[],
                      :pendingParents::int[], :onFailure::boolean[], :statuses::text[], :stepPriorities::int[],
                      :scheduleTimeoutsMillis::bigint[], :stepFlowKeys::text[], :stepFlowUnits::text[],
                      :gateKeys::bigint[], :labelSigs::text[], :preferSigs::text[]) WITH ORDINALITY
               AS u(run_id, workflow_name, step_name, parent_names, pending_parents, on_failure, status, priority,
                    schedule_timeout_ms, flow_keys, flow_units, gate_key, label_sig, prefer_sig, ordinal)
          JOIN inserted ON inserted.id = u.run_id) s
    -- Step ids follow the order given (a run's steps in definition order), whatever join the plan chose.
    ORDER BY s.ordinal
    RETURNING id, run_id, step_name, status, queued_at, started_at
), started AS (
    -- The first steps leased here, numbered after their run's RUN_STARTED like a claim numbers them.
    SELECT l.id, l.run_id, l.step_name, l.queued_at, l.started_at,
           row_number() OVER (PARTITION BY l.run_id ORDER BY l.id) AS k,
           count(*) OVER (PARTITION BY l.run_id) AS n
    FROM steps_inserted l
    WHERE l.status = 'RUNNING'
), events_inserted AS (
    INSERT INTO <schema>.events (run_id, seq, type, step_name, attempt, payload, created_at)
    SELECT e.run_id, e.seq, e.type, e.step_name, NULL::int, NULL::jsonb, coalesce(:now::timestamptz, now())
    FROM unnest(:eventRunIds::uuid[], :seqs::bigint[], :types::text[], :eventStepNames::text[])
         AS e(run_id, seq, type, step_name)
    JOIN inserted ON inserted.id = e.run_id
    UNION ALL
    SELECT i.id, i.last_event_seq - (SELECT max(st.n) FROM started st WHERE st.run_id = i.id), 'RUN_STARTED', NULL,
           NULL, NULL, coalesce(:now::timestamptz, now())
    FROM inserted i
    WHERE i.leased
    UNION ALL
    SELECT st.run_id, i.last_event_seq - st.n + st.k, 'STEP_STARTED', st.step_name, 1,
           jsonb_build_object('worker', :leaseWorkerId::text), coalesce(:now::timestamptz, now())
    FROM started st
    JOIN inserted i ON i.id = st.run_id
    RETURNING 1
)
-- The wake-up is an uncorrelated subquery: sent once for the statement, only if a run was inserted and a step was left
-- queued for the dispatchers. (That events were appended is announced after the commit: Announcer.)
SELECT i.id, st.id AS step_id, st.step_name, i.workflow_name, st.queued_at, st.started_at, i.input, i.metadata,
       i.trace_parent,
       (SELECT pg_notify(:channel, :sender)::text
        WHERE EXISTS (SELECT 1 FROM steps_inserted q WHERE q.status = 'QUEUED')) AS notified
FROM inserted i
LEFT JOIN started st ON st.run_id = i.id
ORDER BY i.id, st.id
