SELECT name, event_key, workflow_name, filter, declared, created_at FROM <schema>.event_triggers WHERE name = :name
