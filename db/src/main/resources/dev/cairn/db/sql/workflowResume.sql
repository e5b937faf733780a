-- Resumes a workflow, waking the dispatchers (its held steps are claimable again); returns its name if it was paused.
WITH resumed AS (
    DELETE FROM <schema>.workflow_pauses WHERE workflow_name = :workflowName RETURNING workflow_name
)
SELECT workflow_name, (SELECT pg_notify(:channel, :sender)::text) AS notified FROM resumed
