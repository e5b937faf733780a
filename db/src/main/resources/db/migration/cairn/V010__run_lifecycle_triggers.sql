-- Run lifecycle and triggers: delayed runs, cron schedules, paused workflows, event-triggered workflows.

-- When a delayed run (TriggerOptions.runAt / delay) becomes due; null for a run triggered to start at once. Its
-- first steps are queued with available_at at this time, so they hold no slot and no key until then.
ALTER TABLE runs ADD COLUMN start_at timestamptz;

-- When a run with a deadline (TriggerOptions.timeout, @Workflow(timeout)) is cancelled if it is not final by then.
ALTER TABLE runs ADD COLUMN deadline_at timestamptz;
CREATE INDEX runs_deadline ON runs (deadline_at) WHERE deadline_at IS NOT NULL AND status IN ('QUEUED', 'RUNNING');

-- Cron schedules: each tick of a schedule starts one run of its workflow, whose idempotency key is the tick's
-- identity (schedule name and due time), so a tick starts exactly one run however many nodes see it.
CREATE TABLE schedules (
    name          text        PRIMARY KEY,
    workflow_name text        NOT NULL,
    -- A five-field Unix cron expression, read in time_zone (an IANA zone id).
    cron          text        NOT NULL,
    time_zone     text        NOT NULL,
    input         jsonb,
    metadata      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    priority      integer     NOT NULL DEFAULT 0,
    -- What a node does with ticks that passed while no node could run them (all nodes down, the schedule paused).
    missed_ticks  text        NOT NULL CHECK (missed_ticks IN ('SKIP', 'LATEST', 'ALL')),
    -- What a tick does while the schedule's previous run is unfinished.
    overlap       text        NOT NULL CHECK (overlap IN ('ALLOW', 'SKIP', 'CANCEL_PREVIOUS')),
    paused        boolean     NOT NULL DEFAULT false,
    -- Declared by @Workflow(cron = ...): the code owns its expression; the API may pause it but not change it.
    declared      boolean     NOT NULL DEFAULT false,
    -- The next tick not yet handled.
    next_due_at   timestamptz NOT NULL,
    last_tick_at  timestamptz,
    last_run_id   uuid,
    -- Ticks that started no run: skipped as missed, or because the previous run was unfinished.
    skipped_ticks bigint      NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE INDEX schedules_due ON schedules (next_due_at) WHERE NOT paused;

-- Paused workflows: no claim takes a queued step of theirs (their runs are held, new ones too; running steps finish).
-- Resuming deletes the row, and the held steps are claimed in the usual order (priority, then age).
CREATE TABLE workflow_pauses (
    workflow_name text        PRIMARY KEY,
    paused_at     timestamptz NOT NULL
);

-- Pushed events get an id (the pusher's, deduplicating a redelivery, or a random one), metadata, and the runs the
-- event triggers started.
ALTER TABLE pushed_events ADD COLUMN event_id text;
ALTER TABLE pushed_events ADD COLUMN metadata jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE pushed_events ADD COLUMN run_ids uuid[];
CREATE UNIQUE INDEX pushed_events_event_id ON pushed_events (event_key, event_id) WHERE event_id IS NOT NULL;
CREATE INDEX pushed_events_created ON pushed_events (created_at);

-- Event triggers: a pushed event with the key starts one run of the workflow (input: the payload), if the filter
-- (clauses "pointer == json" over {"payload": ..., "metadata": ...}, joined by &&) matches.
CREATE TABLE event_triggers (
    name          text        PRIMARY KEY,
    event_key     text        NOT NULL,
    workflow_name text        NOT NULL,
    filter        text,
    -- Declared by @Workflow(onEvents = ...): the code owns it.
    declared      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL
);
CREATE INDEX event_triggers_key ON event_triggers (event_key);
