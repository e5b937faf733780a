-- Sets a workflow's retention. A declared retention (@Workflow(retention)) is replaced only by another declaration:
-- returns no row when the API (:declared false) tries to change a declared one.
INSERT INTO <schema>.workflow_retention AS w (workflow_name, retention_ms, declared, updated_at)
VALUES (:workflowName, :retentionMs::bigint, :declared, coalesce(:now::timestamptz, now()))
ON CONFLICT (workflow_name) DO UPDATE
    SET retention_ms = excluded.retention_ms, declared = excluded.declared, updated_at = excluded.updated_at
    WHERE :declared OR NOT w.declared
RETURNING workflow_name
