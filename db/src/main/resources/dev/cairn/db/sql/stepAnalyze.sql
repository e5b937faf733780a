-- Only the columns the dequeue filters and orders on, from a sample of 3,000 rows (the caller sets
-- default_statistics_target to 10 for its transaction): about 0.1 s on a steps table of a million rows where a
-- full ANALYZE reads about 30,000 rows of every column, 1.2-2 s that the dequeue and completion would have had.
-- Autovacuum still analyses the whole table on its own schedule.
ANALYZE <schema>.steps (status, gate_key, available_at, priority, workflow_name, definition_fingerprint, label_sig)
