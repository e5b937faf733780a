-- The worker inventory, shared by every engine node on the database: one row per worker identity (lease holder),
-- written by the node that holds the worker's stream when it registers, at a modest interval on its heartbeats, and
-- when the stream ends (gone_at); an engine node's own slots have a row too (kind EMBEDDED). A node that dies stops
-- writing its rows: readers show them as stale once stale_at (set by the writer: a few heartbeat intervals ahead)
-- has passed on their clock. Gone and stale rows are deleted a day later by the retention loop.
CREATE TABLE workers (
    -- "<token id>/<worker id>" for a remote worker, "node:<node id>" for a node's own slots.
    holder       text        PRIMARY KEY,
    worker_id    text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('REMOTE', 'EMBEDDED')),
    token_id     text,
    -- The node holding the stream, and the stream (a newer session of the same worker replaces the row).
    node_id      text        NOT NULL,
    session_id   text        NOT NULL,
    host         text        NOT NULL,
    address      text        NOT NULL,
    version      text        NOT NULL,
    labels       jsonb       NOT NULL,
    slots        integer     NOT NULL,
    -- At the last heartbeat written.
    slots_used   integer     NOT NULL,
    -- [{"run_id", "workflow", "step", "attempt", "started_at"}], at most 100.
    running      jsonb       NOT NULL,
    -- [{"workflow", "fingerprint", "engine_fingerprint", "accepted"}]: every definition offered.
    definitions  jsonb       NOT NULL,
    connected_at timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    stale_at     timestamptz NOT NULL,
    gone_at      timestamptz,
    gone_reason  text
);
