-- A run and all its steps in one read: one row per step (in id order), the run's columns (prefixed run_) on each;
-- a run without steps comes back as one row with the step columns null.
SELECT r.id AS run_id_, r.workflow_name AS run_workflow_name, r.status AS run_status, r.input::text AS run_input,
       r.metadata::text AS run_metadata, r.idempotency_key AS run_idempotency_key, r.priority AS run_priority,
       r.error AS run_error, r.last_event_seq AS run_last_event_seq, r.created_at AS run_created_at,
       r.started_at AS run_started_at, r.finished_at AS run_finished_at, r.parent_run_id AS run_parent_run_id,
       r.start_at AS run_start_at,
       s.id, s.run_id, s.step_name, s.status, s.on_failure, s.attempt, s.failures, s.lease_expiries, s.worker_id,
       s.lease_holder, s.queued_at, s.started_at, s.finished_at, s.output::text AS output, s.error, s.blocked_reason
FROM <schema>.runs r
LEFT JOIN <schema>.steps s ON s.run_id = r.id
WHERE r.id = :id
ORDER BY s.id
