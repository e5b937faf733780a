-- One page of runs, newest first, filtered; every filter is optional. Keyset paging on (created_at, id).
SELECT id, workflow_name, status, input::text AS input, metadata::text AS metadata, idempotency_key, priority, error,
       last_event_seq, created_at, started_at, finished_at, parent_run_id, start_at
FROM <schema>.runs
WHERE (:workflowName::text IS NULL OR workflow_name = :workflowName::text)
  AND (cardinality(:statuses::text[]) = 0 OR status = ANY(:statuses::text[]))
  AND metadata @> :metadata::jsonb
  AND (:createdFrom::timestamptz IS NULL OR created_at >= :createdFrom::timestamptz)
  AND (:createdTo::timestamptz IS NULL OR created_at < :createdTo::timestamptz)
  AND (:afterCreatedAt::timestamptz IS NULL
       OR (created_at, id) < (:afterCreatedAt::timestamptz, :afterId::uuid))
ORDER BY created_at DESC, id DESC
LIMIT :limit
