-- Locks and returns the current fingerprint of a workflow: nobody else changes it for the rest of the transaction.
SELECT fingerprint
FROM <schema>.workflow_current_definitions
WHERE workflow_name = :workflowName
FOR UPDATE
