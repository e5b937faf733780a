-- Returns a workflow to the engine's default retention. Returns whether it had one and whether that was declared
-- (a declared retention is left alone: the code owns it). No row: it had none.
WITH found AS (
    SELECT workflow_name, declared FROM <schema>.workflow_retention WHERE workflow_name = :workflowName FOR UPDATE
), deleted AS (
    DELETE FROM <schema>.workflow_retention w USING found f
    WHERE w.workflow_name = f.workflow_name AND NOT f.declared
    RETURNING w.workflow_name
)
SELECT declared FROM found
