-- Composition: child runs (identified by their parent step and a key), suspended steps (WAITING on children,
-- a sleep or an external event), the durable operations a step performed (replayed when it resumes), and
-- events pushed from outside for waiting steps.

ALTER TABLE runs ADD COLUMN parent_run_id uuid REFERENCES runs (id) ON DELETE CASCADE;
ALTER TABLE runs ADD COLUMN parent_step_id bigint;
ALTER TABLE runs ADD COLUMN child_key text;
CREATE UNIQUE INDEX runs_child_key ON runs (parent_step_id, child_key) WHERE parent_step_id IS NOT NULL;
CREATE INDEX runs_parent_run ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;

-- What a WAITING step waits for; cleared when it is queued again.
ALTER TABLE steps ADD COLUMN wait_kind text CHECK (wait_kind IN ('CHILDREN', 'SLEEP', 'EVENT'));
ALTER TABLE steps ADD COLUMN wake_at timestamptz;
ALTER TABLE steps ADD COLUMN wait_runs uuid[];
ALTER TABLE steps ADD COLUMN wait_event_key text;
ALTER TABLE steps ADD COLUMN wait_event_since timestamptz;
CREATE INDEX steps_waiting ON steps (wake_at) WHERE status = 'WAITING';

-- The n-th durable operation (child start, await, sleep, event wait) of a step, across its invocations.
CREATE TABLE step_ops (
    step_id    bigint      NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
    seq        integer     NOT NULL,
    kind       text        NOT NULL,
    signature  text        NOT NULL,
    wake_at    timestamptz,
    since      timestamptz,
    result     jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (step_id, seq)
);

CREATE TABLE pushed_events (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_key  text        NOT NULL,
    payload    jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pushed_events_key ON pushed_events (event_key, created_at);
