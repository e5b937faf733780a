INSERT INTO <schema>.workflow_definitions (workflow_name, fingerprint, definition)
VALUES (:workflowName, :fingerprint, :definition)
ON CONFLICT (workflow_name, fingerprint) DO UPDATE SET registered_at = now()
