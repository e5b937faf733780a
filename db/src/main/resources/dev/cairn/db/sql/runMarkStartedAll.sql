UPDATE <schema>.runs
SET status = 'RUNNING', started_at = now()
WHERE id = ANY(:ids::uuid[]) AND status = 'QUEUED'
RETURNING id
