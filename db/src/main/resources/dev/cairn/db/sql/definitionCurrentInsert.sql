-- Makes :fingerprint the current definition of a workflow that has none yet.
INSERT INTO <schema>.workflow_current_definitions (workflow_name, fingerprint, updated_at)
VALUES (:workflowName, :fingerprint, coalesce(:now::timestamptz, now()))
ON CONFLICT (workflow_name) DO NOTHING
