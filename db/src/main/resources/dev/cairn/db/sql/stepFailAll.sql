-- Fails attempts for good (retries spent or not retryable). Fenced like stepCompleteAll.
UPDATE <schema>.steps s
SET status = 'FAILED', failures = s.failures + 1, error = x.error, finished_at = now(), lease_expires_at = NULL
FROM unnest(:ids::bigint[], :attempts::int[], :errors::text[]) AS x(id, attempt, error)
WHERE s.id = x.id AND s.attempt = x.attempt AND s.status = 'RUNNING'
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
