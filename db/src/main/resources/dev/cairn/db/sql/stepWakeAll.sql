-- Queues WAITING steps whose wait is over: the wake time passed, every awaited child run is final, or a pushed
-- event with the awaited key arrived (at or after the wait's lookback start). Others are left WAITING.
UPDATE <schema>.steps s
SET status = 'QUEUED', queued_at = now(), available_at = now(),
    schedule_deadline = now() + make_interval(secs => s.schedule_timeout_ms / 1000.0),
    wait_kind = NULL, wake_at = NULL, wait_runs = NULL, wait_event_key = NULL, wait_event_since = NULL
WHERE s.id = ANY(:ids::bigint[]) AND s.status = 'WAITING'
  AND ((s.wake_at IS NOT NULL AND s.wake_at <= now())
       OR (s.wait_kind = 'CHILDREN'
           AND NOT EXISTS (SELECT 1 FROM <schema>.runs c
                           WHERE c.id = ANY(s.wait_runs) AND c.status IN ('QUEUED', 'RUNNING')))
       OR (s.wait_kind = 'EVENT'
           AND EXISTS (SELECT 1 FROM <schema>.pushed_events e
                       WHERE e.event_key = s.wait_event_key AND e.created_at >= s.wait_event_since)))
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
