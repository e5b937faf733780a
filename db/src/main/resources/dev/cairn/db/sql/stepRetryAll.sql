-- Puts failed attempts back in the queue after their backoff. Fenced like stepCompleteAll.
UPDATE <schema>.steps s
SET status = 'QUEUED', failures = s.failures + 1, error = x.error, lease_expires_at = NULL,
    queued_at = now(),
    available_at = now() + make_interval(secs => x.delay_ms / 1000.0),
    schedule_deadline = now() + make_interval(secs => (x.delay_ms + s.schedule_timeout_ms) / 1000.0)
FROM unnest(:ids::bigint[], :attempts::int[], :errors::text[], :delaysMillis::bigint[]) AS x(id, attempt, error, delay_ms)
WHERE s.id = x.id AND s.attempt = x.attempt AND s.status = 'RUNNING'
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
