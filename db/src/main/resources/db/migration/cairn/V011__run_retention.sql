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

-- Retention's scan: the finished top-level runs of a workflow in the order they finished, so a round reads only
-- what it may delete (not the child runs that go with their top-level run, nor unfinished runs). A run enters the
-- index when it finishes, an update that writes every index of the row anyway (its status is indexed): triggers pay
-- nothing for it.
CREATE INDEX runs_retired ON runs (workflow_name, finished_at, id) WHERE parent_run_id IS NULL AND finished_at IS NOT NULL;
