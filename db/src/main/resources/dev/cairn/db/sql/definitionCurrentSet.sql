UPDATE <schema>.workflow_current_definitions
SET fingerprint = :fingerprint, updated_at = now()
WHERE workflow_name = :workflowName
