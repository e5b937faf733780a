-- Cairn engine schema, version 1: runs, their steps (the DAG, one row per step) and the per-run event log.
-- Flyway runs this inside the engine's own schema (default "cairn"); names are unqualified on purpose.

CREATE TABLE runs (
    id              uuid        PRIMARY KEY,
    workflow_name   text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    input           jsonb,
    metadata        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    idempotency_key text,
    priority        integer     NOT NULL DEFAULT 0,
    error           text,
    -- Last sequence number handed out in this run's event log. Writers bump it under the run's row lock,
    -- so per run the commit order of events equals their sequence order: a reader never sees a gap fill later.
    last_event_seq  bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz
);

CREATE UNIQUE INDEX runs_idempotency_key ON runs (workflow_name, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX runs_workflow_created ON runs (workflow_name, created_at);
CREATE INDEX runs_created ON runs (created_at);
CREATE INDEX runs_unfinished ON runs (status) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX runs_metadata ON runs USING gin (metadata jsonb_path_ops);

CREATE TABLE steps (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id            uuid        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    workflow_name     text        NOT NULL,
    step_name         text        NOT NULL,
    parent_names      text[]      NOT NULL,
    -- Parents not yet succeeded; the step is queued when this reaches zero.
    pending_parents   integer     NOT NULL,
    on_failure        boolean     NOT NULL DEFAULT false,
    status            text        NOT NULL CHECK (status IN
                          ('PENDING', 'QUEUED', 'RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED')),
    priority          integer     NOT NULL DEFAULT 0,
    -- The fence: bumped by every lease. A result carrying another number is refused.
    attempt           integer     NOT NULL DEFAULT 0,
    -- Attempts that failed in user code (counted against the step's retries).
    failures          integer     NOT NULL DEFAULT 0,
    -- Leases that expired without a result (counted apart from retries, with their own cap).
    lease_expiries    integer     NOT NULL DEFAULT 0,
    available_at      timestamptz NOT NULL DEFAULT now(),
    -- How long the step may wait in the queue each time it is queued; schedule_deadline is set from it.
    schedule_timeout_ms bigint,
    schedule_deadline timestamptz,
    worker_id         text,
    lease_expires_at  timestamptz,
    queued_at         timestamptz,
    started_at        timestamptz,
    finished_at       timestamptz,
    output            jsonb,
    error             text,
    UNIQUE (run_id, step_name)
);

CREATE INDEX steps_queue ON steps (priority DESC, id) WHERE status = 'QUEUED';
CREATE INDEX steps_leases ON steps (lease_expires_at) WHERE status = 'RUNNING';
CREATE INDEX steps_schedule_deadline ON steps (schedule_deadline) WHERE status = 'QUEUED' AND schedule_deadline IS NOT NULL;

CREATE TABLE events (
    run_id     uuid        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    seq        bigint      NOT NULL,
    type       text        NOT NULL,
    step_name  text,
    attempt    integer,
    payload    jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, seq)
);
