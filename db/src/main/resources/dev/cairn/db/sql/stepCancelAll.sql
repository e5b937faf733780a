-- Cancels every unfinished step of the given runs; running attempts lose their lease (their results will be
-- refused) and are interrupted by their nodes.
UPDATE <schema>.steps s
SET status = 'CANCELLED', finished_at = coalesce(:now::timestamptz, now()), lease_expires_at = NULL, lease_holder = NULL,
    wait_kind = NULL, wake_at = NULL, wait_runs = NULL, wait_event_key = NULL, wait_event_since = NULL
WHERE s.run_id = ANY(:runIds::uuid[]) AND s.status IN ('PENDING', 'QUEUED', 'RUNNING', 'WAITING')
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
