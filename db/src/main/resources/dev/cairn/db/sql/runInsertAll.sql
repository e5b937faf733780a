-- Inserts new runs; a run whose (workflow, idempotency key) already exists is skipped, and the caller
-- looks it up with runFindByIdempotencyKeys. Returns only the ids actually inserted.
INSERT INTO <schema>.runs (id, workflow_name, status, input, metadata, idempotency_key, priority, last_event_seq)
SELECT r.id, r.workflow_name, 'QUEUED', r.input::jsonb, r.metadata::jsonb, r.idempotency_key, r.priority, r.event_count
FROM unnest(:ids::uuid[], :workflowNames::text[], :inputs::text[], :metadata::text[], :idempotencyKeys::text[],
            :priorities::int[], :eventCounts::bigint[])
     AS r(id, workflow_name, input, metadata, idempotency_key, priority, event_count)
ON CONFLICT (workflow_name, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
RETURNING id
