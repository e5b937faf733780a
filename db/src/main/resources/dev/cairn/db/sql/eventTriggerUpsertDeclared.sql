-- Makes a declared trigger (@Workflow(onEvents)) what the code says.
INSERT INTO <schema>.event_triggers AS t (name, event_key, workflow_name, filter, declared, created_at)
VALUES (:name, :eventKey, :workflowName, :filter, true, coalesce(:now::timestamptz, now()))
ON CONFLICT (name) DO UPDATE SET event_key = excluded.event_key, workflow_name = excluded.workflow_name,
                                 filter = excluded.filter, declared = true
