-- The signature of a step's preferred worker labels: a worker that meets fewer of them than the best connected one
-- takes the step only after a grace period.
ALTER TABLE steps ADD COLUMN prefer_sig text;

-- What holds concurrency keys, for the reconciler's sweep of holds left behind by something no longer running
-- (flowReleaseStale): only holders are indexed, so the sweep reads a handful of entries, not the tables.
CREATE INDEX steps_holding ON steps (run_id) WHERE held_keys IS NOT NULL;
CREATE INDEX runs_holding ON runs (id) WHERE held_keys IS NOT NULL;
