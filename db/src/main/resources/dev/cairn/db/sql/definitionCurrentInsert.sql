-- Makes :fingerprint the current definition of a workflow that has none yet.
INSERT INTO <schema>.workflow_current_definitions (workflow_name, fingerprint)
VALUES (:workflowName, :fingerprint)
ON CONFLICT (workflow_name) DO NOTHING
