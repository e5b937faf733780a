-- The first event pushed with this key at or after :since.
SELECT payload::text AS payload
FROM <schema>.pushed_events
WHERE event_key = :eventKey AND created_at >= :since
ORDER BY created_at, id
LIMIT 1
