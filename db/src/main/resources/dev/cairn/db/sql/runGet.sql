SELECT id, workflow_name, status, input::text AS input, metadata::text AS metadata, idempotency_key, priority, error,
       last_event_seq, created_at, started_at, finished_at, parent_run_id, start_at
FROM <schema>.runs
WHERE id = :id
