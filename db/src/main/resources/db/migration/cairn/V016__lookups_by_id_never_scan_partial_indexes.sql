-- The index of leases and the index of unfinished runs are defined by a column that only they need (the lease's
-- expiry, the run's end) instead of by status. The rows they hold are the same: every statement that makes a step
-- RUNNING gives it a lease and every one that moves it on clears it; every statement that ends a run sets its
-- finished_at and the one that restarts a run clears it. But with a status predicate, every lookup by id that also
-- tests the status ("id = x AND status = 'RUNNING'", as a completion, a failure, a retry or a fenced check reads a
-- step, and "id = x AND status IN ('QUEUED', 'RUNNING')" a run) could use the index, and the generic plans the engine
-- caches did: believing it small (it holds the live steps or runs only), they scanned all of it and hashed the ids
-- instead of looking each up by primary key. Between two vacuums such an index also holds an entry for every row that
-- left it (a non-HOT update leaves the old one), so the scan grew with the traffic: measured on 2026-12-03 after a
-- 20,000-run Bench pass, 75 pages of steps_leases read for one completion (0.36 ms) and 122 of runs_unfinished
-- (0.59 ms), against 2 pages through the primary key (0.02 ms). Now only the statements that look for leases or
-- unfinished runs as such name those columns, and only they use these indexes.

DROP INDEX steps_leases;
CREATE INDEX steps_leases ON steps (lease_expires_at) WHERE lease_expires_at IS NOT NULL;

DROP INDEX runs_unfinished;
CREATE INDEX runs_unfinished ON runs (status) WHERE finished_at IS NULL;
