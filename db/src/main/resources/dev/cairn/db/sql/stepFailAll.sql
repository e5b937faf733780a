-- Fails attempts for good (retries spent or not retryable). Fenced like stepCompleteAll.
UPDATE <schema>.steps s
SET status = 'FAILED', failures = s.failures + 1, error = x.error,
    finished_at = coalesce(:now::timestamptz, now()), lease_expires_at = NULL, lease_holder = NULL
FROM unnest(:ids::bigint[], :runIds::uuid[], :attempts::int[], :holders::text[], :errors::text[])
     AS x(id, run_id, attempt, holder, error)
WHERE s.id = x.id AND s.run_id = x.run_id AND s.attempt = x.attempt AND s.status = 'RUNNING'
  AND (x.holder IS NULL OR s.lease_holder = x.holder)
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
