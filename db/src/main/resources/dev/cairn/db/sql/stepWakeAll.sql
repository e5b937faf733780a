-- Queues those of the given WAITING steps whose wait is over (see wait_is_over in the migrations); the others
-- stay WAITING.
UPDATE <schema>.steps s
SET status = 'QUEUED', queued_at = coalesce(:now::timestamptz, now()), available_at = coalesce(:now::timestamptz, now()),
    schedule_deadline = coalesce(:now::timestamptz, now()) + make_interval(secs => s.schedule_timeout_ms / 1000.0),
    wait_kind = NULL, wake_at = NULL, wait_runs = NULL, wait_event_key = NULL, wait_event_since = NULL
WHERE s.id = ANY(:ids::bigint[]) AND s.status = 'WAITING' AND <schema>.wait_is_over(s, coalesce(:now::timestamptz, now()))
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
