-- Stores a pushed event; a second push of the same (key, event id) stores nothing. Returns the event as stored,
-- with whether this push inserted it.
WITH inserted AS (
    INSERT INTO <schema>.pushed_events (event_key, event_id, payload, metadata, created_at)
    VALUES (:eventKey, :eventId, :payload::jsonb, :metadata::jsonb, coalesce(:now::timestamptz, now()))
    ON CONFLICT (event_key, event_id) WHERE event_id IS NOT NULL DO NOTHING
    RETURNING event_key, event_id, payload, metadata, created_at, run_ids
)
SELECT event_key, event_id, payload::text AS payload, metadata::text AS metadata, created_at, run_ids::text AS run_ids,
       true AS inserted
FROM inserted
UNION ALL
SELECT event_key, event_id, payload::text, metadata::text, created_at, run_ids::text, false
FROM <schema>.pushed_events
WHERE event_key = :eventKey AND event_id = :eventId AND NOT EXISTS (SELECT 1 FROM inserted)
