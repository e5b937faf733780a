INSERT INTO <schema>.pushed_events (event_key, payload, created_at)
VALUES (:eventKey, :payload::jsonb, coalesce(:now::timestamptz, now()))
RETURNING id, created_at
