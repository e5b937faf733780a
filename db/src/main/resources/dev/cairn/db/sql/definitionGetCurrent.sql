SELECT d.definition
FROM <schema>.workflow_current_definitions c
JOIN <schema>.workflow_definitions d ON d.workflow_name = c.workflow_name AND d.fingerprint = c.fingerprint
WHERE c.workflow_name = :workflowName
