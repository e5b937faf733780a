-- Deletes up to :limit pushed events older than :cutoff that no unfinished step can still receive: none waits for
-- their key since before they came, and none was woken by one without having read it yet (its durable event-wait
-- operation has no result, and it reads the first event since the wait began when it runs again).
WITH awaited AS (
    SELECT s.wait_event_key AS event_key, s.wait_event_since AS since
    FROM <schema>.steps s
    WHERE s.status = 'WAITING' AND s.wait_kind = 'EVENT'
    UNION ALL
    SELECT regexp_replace(o.signature, ' within [0-9]+ms$', ''), o.since
    FROM <schema>.steps s JOIN <schema>.step_ops o ON o.step_id = s.id
    WHERE s.status IN ('QUEUED', 'RUNNING', 'WAITING') AND o.kind = 'EVENT' AND o.result IS NULL
), doomed AS (
    SELECT e.id
    FROM <schema>.pushed_events e
    WHERE e.created_at < :cutoff
      AND NOT EXISTS (SELECT 1 FROM awaited a WHERE a.event_key = e.event_key AND a.since <= e.created_at)
    ORDER BY e.created_at
    LIMIT :limit
    FOR UPDATE OF e SKIP LOCKED
), deleted AS (
    DELETE FROM <schema>.pushed_events e USING doomed d WHERE e.id = d.id RETURNING e.id
)
SELECT count(*) FROM deleted
