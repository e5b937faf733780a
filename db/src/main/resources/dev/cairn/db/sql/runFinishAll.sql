-- Moves unfinished runs to a final status. Guarded by status: a finished run is never changed again.
UPDATE <schema>.runs r
SET status = x.status, error = x.error, finished_at = coalesce(:now::timestamptz, now())
FROM unnest(:ids::uuid[], :statuses::text[], :errors::text[]) AS x(id, status, error)
WHERE r.id = x.id AND r.status IN ('QUEUED', 'RUNNING')
RETURNING r.id, r.status
