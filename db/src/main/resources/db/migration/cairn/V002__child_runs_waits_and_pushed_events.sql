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

-- The one definition of "a WAITING step's wait is over", used by the wake-up statement and by the sweep that
-- looks for lost wake-ups: the wake time passed, every awaited child run is final, or a pushed event with the
-- awaited key arrived at or after the wait's lookback start.
CREATE FUNCTION wait_is_over(s steps) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path FROM CURRENT
AS $$
    SELECT (s.wake_at IS NOT NULL AND s.wake_at <= now())
        OR (s.wait_kind = 'CHILDREN'
            AND NOT EXISTS (SELECT 1 FROM runs c
                            WHERE c.id = ANY(s.wait_runs) AND c.status IN ('QUEUED', 'RUNNING')))
        OR (s.wait_kind = 'EVENT'
            AND EXISTS (SELECT 1 FROM pushed_events e
                        WHERE e.event_key = s.wait_event_key AND e.created_at >= s.wait_event_since))
$$;
