UPDATE <schema>.steps s
SET status = 'QUEUED', pending_parents = 0, queued_at = coalesce(:now::timestamptz, now()), available_at = coalesce(:now::timestamptz, now()),
    schedule_deadline = coalesce(:now::timestamptz, now()) + make_interval(secs => s.schedule_timeout_ms / 1000.0)
WHERE s.run_id = ANY(:runIds::uuid[]) AND s.on_failure AND s.status = 'PENDING'
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
