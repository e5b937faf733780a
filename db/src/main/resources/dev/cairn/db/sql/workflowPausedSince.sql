-- Since when the workflow is paused; no row when it is not.
SELECT paused_at FROM <schema>.workflow_pauses WHERE workflow_name = :workflowName
