UPDATE <schema>.workflow_current_definitions
SET fingerprint = :fingerprint, updated_at = coalesce(:now::timestamptz, now())
WHERE workflow_name = :workflowName
