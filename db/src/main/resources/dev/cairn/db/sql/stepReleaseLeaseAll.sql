-- Hands running attempts back to the queue without counting a failure (graceful shutdown). Fenced.
UPDATE <schema>.steps s
SET status = 'QUEUED', lease_expires_at = NULL, lease_holder = NULL, queued_at = coalesce(:now::timestamptz, now()), available_at = coalesce(:now::timestamptz, now()),
    schedule_deadline = coalesce(:now::timestamptz, now()) + make_interval(secs => s.schedule_timeout_ms / 1000.0)
FROM unnest(:ids::bigint[], :runIds::uuid[], :attempts::int[], :holders::text[]) AS x(id, run_id, attempt, holder)
WHERE s.id = x.id AND s.run_id = x.run_id AND s.attempt = x.attempt AND s.status = 'RUNNING'
  AND (x.holder IS NULL OR s.lease_holder = x.holder)
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
