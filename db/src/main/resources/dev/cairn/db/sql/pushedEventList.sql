-- Pushed events, newest first: of one key, or of every key when :eventKey is null.
SELECT event_key, event_id, payload::text AS payload, metadata::text AS metadata, created_at, run_ids::text AS run_ids,
       false AS inserted
FROM <schema>.pushed_events
WHERE :eventKey::text IS NULL OR event_key = :eventKey::text
ORDER BY created_at DESC, id DESC
LIMIT :limit
