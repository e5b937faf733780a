-- Flow control: concurrency keys (counted holders per key), rate limits (a sliding log of units started per key)
-- and worker routing (label signatures, sticky workers). See docs/flow-control.md.

-- One row per key of a rule: a concurrency limit ('run:<workflow>#n', 'step:<workflow>.<step>#n') or a rate limit
-- ('rate:<name>'; key '' for the static limit). Admission locks the row and reads it: counted, never inferred.
CREATE TABLE flow_keys (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('CONCURRENCY', 'RATE')),
    rule        text        NOT NULL,
    key         text        NOT NULL,
    -- Concurrency: most holders; rate: units per period. NULL: not limited (a static rate limit nobody set yet).
    max_units   integer     CHECK (max_units IS NULL OR max_units > 0),
    period_ms   bigint      CHECK (period_ms IS NULL OR period_ms > 0),
    -- Concurrency: holders counted at admission; releases are appended to flow_releases and folded in by the next
    -- admission that locks the row (the completer never locks key rows, so it never waits for a claim).
    in_flight   integer     NOT NULL DEFAULT 0,
    -- Admissions so far: keys with backlog are served least-served first (round robin across keys).
    served      bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    UNIQUE (rule, key)
);
CREATE INDEX flow_keys_served ON flow_keys (served, id);

CREATE TABLE flow_releases (
    key_id bigint  NOT NULL,
    units  integer NOT NULL
);
CREATE INDEX flow_releases_key ON flow_releases (key_id);

-- Units started per rate key (one row per key and admission statement), kept for one period.
CREATE TABLE flow_rate_log (
    key_id bigint      NOT NULL,
    at     timestamptz NOT NULL,
    units  integer     NOT NULL
);
CREATE INDEX flow_rate_log_key ON flow_rate_log (key_id, at);

-- A run's keys of run-level limits (computed at trigger), the keys it holds (from its first admission until it is
-- final) and, for sticky workflows, the worker its first step ran on.
ALTER TABLE runs ADD COLUMN flow_keys bigint[];
ALTER TABLE runs ADD COLUMN held_keys bigint[];
ALTER TABLE runs ADD COLUMN sticky text CHECK (sticky IN ('SOFT', 'HARD'));
ALTER TABLE runs ADD COLUMN sticky_worker text;
CREATE INDEX runs_open_by_key ON runs USING gin (flow_keys) WHERE flow_keys IS NOT NULL AND status IN ('QUEUED', 'RUNNING');

-- A step's own keys (step-level concurrency and rate limits, with the units of each), the concurrency keys its
-- running attempt holds, the key it queues behind while it must pass admission (NULL: free to claim), its label
-- requirement signature, and why it waits (shown in views, once per episode in the log).
ALTER TABLE steps ADD COLUMN flow_keys bigint[];
ALTER TABLE steps ADD COLUMN flow_units integer[];
ALTER TABLE steps ADD COLUMN held_keys bigint[];
ALTER TABLE steps ADD COLUMN gate_key bigint;
ALTER TABLE steps ADD COLUMN label_sig text;
ALTER TABLE steps ADD COLUMN blocked_reason text;

-- Steps that must pass admission stay out of the index every claim scans, so a blocked backlog costs it nothing.
DROP INDEX steps_queue;
CREATE INDEX steps_queue ON steps (priority DESC, id) WHERE status = 'QUEUED' AND gate_key IS NULL;
CREATE INDEX steps_gated ON steps (gate_key, priority DESC, id) WHERE status = 'QUEUED' AND gate_key IS NOT NULL;
