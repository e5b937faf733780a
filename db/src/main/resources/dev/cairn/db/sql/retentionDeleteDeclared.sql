-- Deletes the retentions declared by @Workflow(retention) of the given workflows, whose code no longer declares one
-- (a retention set by the API is left alone).
DELETE FROM <schema>.workflow_retention WHERE declared AND workflow_name = ANY(:names::text[])
