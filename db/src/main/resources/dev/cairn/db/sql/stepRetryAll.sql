-- Puts failed attempts back in the queue after their backoff. Fenced like stepCompleteAll.
UPDATE <schema>.steps s
SET status = 'QUEUED', failures = s.failures + 1, error = x.error, lease_expires_at = NULL, lease_holder = NULL,
    queued_at = coalesce(:now::timestamptz, now()),
    available_at = coalesce(:now::timestamptz, now()) + make_interval(secs => x.delay_ms / 1000.0),
    schedule_deadline = coalesce(:now::timestamptz, now()) + make_interval(secs => (x.delay_ms + s.schedule_timeout_ms) / 1000.0)
FROM unnest(:ids::bigint[], :runIds::uuid[], :attempts::int[], :holders::text[], :errors::text[],
            :delaysMillis::bigint[]) AS x(id, run_id, attempt, holder, error, delay_ms)
WHERE s.id = x.id AND s.run_id = x.run_id AND s.attempt = x.attempt AND s.status = 'RUNNING'
  AND (x.holder IS NULL OR s.lease_holder = x.holder)
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
