-- From a sample of 3,000 rows: the caller sets default_statistics_target to 10 for its transaction. About 0.15 s on
-- a steps table of a million rows, where the default sample (30,000 rows, nearly a row per page there) took 1.2-2 s
-- of the database's CPU that the dequeue and completion would have had. Every column, not only the dequeue's: with
-- no statistics for run_id, the lookups of a run's steps were planned for hundreds of rows each.
ANALYZE <schema>.steps
