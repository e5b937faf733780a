-- Creates an event trigger; returns it, or nothing when one of that name exists.
INSERT INTO <schema>.event_triggers (name, event_key, workflow_name, filter, declared, created_at)
VALUES (:name, :eventKey, :workflowName, :filter, :declared, coalesce(:now::timestamptz, now()))
ON CONFLICT (name) DO NOTHING
RETURNING name, event_key, workflow_name, filter, declared, created_at
