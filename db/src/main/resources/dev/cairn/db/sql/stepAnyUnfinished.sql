-- Whether any unfinished step of the workflow still needs this definition.
SELECT EXISTS (
    SELECT 1 FROM <schema>.steps
    WHERE workflow_name = :workflowName AND definition_fingerprint = :fingerprint
      AND status IN ('PENDING', 'QUEUED', 'RUNNING', 'WAITING'))
