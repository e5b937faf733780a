-- Retention: finished runs are deleted (with their steps, events and durable operations) once they are older than
-- their workflow's retention period; this table holds the workflows whose period differs from the engine's default.

CREATE TABLE workflow_retention (
    workflow_name text        PRIMARY KEY,
    -- How long a finished run of the workflow is kept, from when it finished; NULL: kept forever.
    retention_ms  bigint      CHECK (retention_ms IS NULL OR retention_ms > 0),
    -- Declared by @Workflow(retention = ...): the code owns it; the API may not change it.
    declared      boolean     NOT NULL DEFAULT false,
    updated_at    timestamptz NOT NULL
);
