-- Deletes up to :limit pushed events older than :cutoff that no waiting step could still receive. Returns how many.
WITH doomed AS (
    SELECT e.id
    FROM <schema>.pushed_events e
    WHERE e.created_at < :cutoff
      AND NOT EXISTS (SELECT 1 FROM <schema>.steps s
                      WHERE s.status = 'WAITING' AND s.wait_kind = 'EVENT' AND s.wait_event_key = e.event_key
                        AND s.wait_event_since <= e.created_at)
    ORDER BY e.created_at
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
), deleted AS (
    DELETE FROM <schema>.pushed_events e USING doomed d WHERE e.id = d.id RETURNING e.id
)
SELECT count(*) FROM deleted
