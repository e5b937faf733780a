-- WAITING steps whose wait is over (same rule as stepWakeAll): the sweeper's fallback for lost wake-ups.
SELECT s.id, s.run_id, s.attempt
FROM <schema>.steps s
WHERE s.status = 'WAITING'
  AND ((s.wake_at IS NOT NULL AND s.wake_at <= now())
       OR (s.wait_kind = 'CHILDREN'
           AND NOT EXISTS (SELECT 1 FROM <schema>.runs c
                           WHERE c.id = ANY(s.wait_runs) AND c.status IN ('QUEUED', 'RUNNING')))
       OR (s.wait_kind = 'EVENT'
           AND EXISTS (SELECT 1 FROM <schema>.pushed_events e
                       WHERE e.event_key = s.wait_event_key AND e.created_at >= s.wait_event_since)))
LIMIT :limit
