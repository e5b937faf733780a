-- Workflow definitions registered by remote workers, shared by every engine node: any node can trigger a
-- workflow that only workers know, and all nodes agree on which definition new runs start with.
CREATE TABLE workflow_definitions (
    workflow_name text        NOT NULL,
    fingerprint   text        NOT NULL,
    -- The cairn.v1.WorkflowDefinition message as the worker sent it (protobuf bytes).
    definition    bytea       NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workflow_name, fingerprint)
);

-- The definition new runs of each workflow start with.
CREATE TABLE workflow_current_definitions (
    workflow_name text        PRIMARY KEY,
    fingerprint   text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
