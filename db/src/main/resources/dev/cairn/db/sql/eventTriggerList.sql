-- Event triggers of one key (or all when :eventKey is null), in name order.
SELECT name, event_key, workflow_name, filter, declared, created_at
FROM <schema>.event_triggers
WHERE :eventKey::text IS NULL OR event_key = :eventKey::text
ORDER BY name
