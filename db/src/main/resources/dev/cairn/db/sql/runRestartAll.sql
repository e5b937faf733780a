-- Reopens failed or cancelled runs for a replay.
UPDATE <schema>.runs
SET status = 'RUNNING', error = NULL, finished_at = NULL
WHERE id = ANY(:ids::uuid[]) AND status IN ('FAILED', 'CANCELLED')
RETURNING id
