INSERT INTO <schema>.workflow_definitions (workflow_name, fingerprint, definition, registered_at)
VALUES (:workflowName, :fingerprint, :definition, coalesce(:now::timestamptz, now()))
ON CONFLICT (workflow_name, fingerprint) DO UPDATE SET registered_at = coalesce(:now::timestamptz, now()), definition = EXCLUDED.definition
