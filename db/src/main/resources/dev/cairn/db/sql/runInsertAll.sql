-- Inserts new runs with their step rows and first events, and wakes the dispatchers, in one statement.
-- A run with a start time (:startAts, ISO text or null) is delayed: its first steps become claimable then.
-- A run whose (workflow, idempotency key), or (parent step, child key), exists already is skipped with its steps
-- and events; the caller looks it up. Returns the ids actually inserted.
-- Child runs are fenced by their parent's attempt: when :fenceStepId is set, nothing is inserted unless that
-- step is RUNNING in run :parentRunId with attempt :fenceAttempt, leased to :fenceHolder (null: the engine itself)
-- (a superseded or cancelled parent, or another worker, cannot start children).
WITH inserted AS (
    INSERT INTO <schema>.runs (id, workflow_name, status, input, metadata, idempotency_key, priority, last_event_seq,
                               parent_run_id, parent_step_id, child_key, definition_fingerprint, created_at,
                               flow_keys, sticky, start_at, deadline_at, trace_parent)
    SELECT r.id, r.workflow_name, 'QUEUED', r.input::jsonb, r.metadata::jsonb, r.idempotency_key, r.priority,
           r.event_count, :parentRunId::uuid, :fenceStepId::bigint, r.child_key, r.fingerprint,
           coalesce(:now::timestamptz, now()), r.flow_keys::bigint[], r.sticky, r.start_at::timestamptz,
           r.deadline_at::timestamptz, r.trace_parent
    FROM unnest(:ids::uuid[], :workflowNames::text[], :inputs::text[], :metadata::text[], :idempotencyKeys::text[],
                :priorities::int[], :eventCounts::bigint[], :childKeys::text[], :fingerprints::text[],
                :runFlowKeys::text[], :sticky::text[], :startAts::text[],
                :deadlines::text[], :traceParents::text[])
         AS r(id, workflow_name, input, metadata, idempotency_key, priority, event_count, child_key, fingerprint,
              flow_keys, sticky, start_at, deadline_at, trace_parent)
    WHERE :fenceStepId::bigint IS NULL
       OR EXISTS (SELECT 1 FROM <schema>.steps f
                  WHERE f.id = :fenceStepId::bigint AND f.run_id = :parentRunId::uuid AND f.attempt = :fenceAttempt::int
                    AND f.status = 'RUNNING'
                    AND (:fenceHolder::text IS NULL OR f.lease_holder = :fenceHolder::text))
    ON CONFLICT DO NOTHING
    RETURNING id, start_at
), steps_inserted AS (
    INSERT INTO <schema>.steps (run_id, workflow_name, step_name, parent_names, pending_parents, on_failure, status,
                                priority, schedule_timeout_ms, queued_at, available_at, schedule_deadline,
                                definition_fingerprint, flow_keys, flow_units, gate_key, label_sig, prefer_sig)
    SELECT s.run_id, s.workflow_name, s.step_name, string_to_array(s.parent_names, ','), s.pending_parents,
           s.on_failure, s.status, s.priority, s.schedule_timeout_ms,
           -- A delayed run's first steps are queued from its start time (available_at is when they may run).
           CASE WHEN s.status = 'QUEUED' THEN coalesce(inserted.start_at, :now::timestamptz, now()) END,
           coalesce(inserted.start_at, :now::timestamptz, now()),
           CASE WHEN s.status = 'QUEUED'
                THEN coalesce(inserted.start_at, :now::timestamptz, now())
                     + make_interval(secs => s.schedule_timeout_ms / 1000.0) END,
           (SELECT r.fingerprint FROM unnest(:ids::uuid[], :fingerprints::text[]) AS r(id, fingerprint)
            WHERE r.id = s.run_id),
           s.flow_keys::bigint[], s.flow_units::int[], s.gate_key, s.label_sig, s.prefer_sig
    FROM unnest(:stepRunIds::uuid[], :stepWorkflowNames::text[], :stepNames::text[], :parentNames::text[],
                :pendingParents::int[], :onFailure::boolean[], :statuses::text[], :stepPriorities::int[],
                :scheduleTimeoutsMillis::bigint[], :stepFlowKeys::text[], :stepFlowUnits::text[],
                :gateKeys::bigint[], :labelSigs::text[], :preferSigs::text[]) WITH ORDINALITY
         AS s(run_id, workflow_name, step_name, parent_names, pending_parents, on_failure, status, priority,
              schedule_timeout_ms, flow_keys, flow_units, gate_key, label_sig, prefer_sig, ordinal)
    JOIN inserted ON inserted.id = s.run_id
    -- Step ids follow the order given (a run's steps in definition order), whatever join the plan chose.
    ORDER BY s.ordinal
    RETURNING 1
), events_inserted AS (
    INSERT INTO <schema>.events (run_id, seq, type, step_name, created_at)
    SELECT e.run_id, e.seq, e.type, e.step_name, coalesce(:now::timestamptz, now())
    FROM unnest(:eventRunIds::uuid[], :seqs::bigint[], :types::text[], :eventStepNames::text[])
         AS e(run_id, seq, type, step_name)
    JOIN inserted ON inserted.id = e.run_id
    RETURNING 1
)
-- The notifications are uncorrelated subqueries: sent once for the statement (and only if a run was inserted).
SELECT id, (SELECT pg_notify(:channel, :sender)::text) AS notified,
       (SELECT pg_notify(:eventsChannel, '')::text) AS events_notified
FROM inserted
