INSERT INTO <schema>.pushed_events (event_key, payload)
VALUES (:eventKey, :payload::jsonb)
RETURNING id, created_at
