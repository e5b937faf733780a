-- Locks the runs a transaction is about to change, always in id order so two writers cannot deadlock on them.
-- Every transition of a run's steps holds its run's lock: run-level decisions (finished? failed?) and event
-- sequence numbers are then made by one writer at a time.
-- Sent with other statements in one round trip, it answers rows of bounded width (see DirectStatement): names are
-- at most 200 characters (Text.MAX_NAME), statuses one of five words.
SELECT id, workflow_name::varchar(1000) AS workflow_name, status::varchar(20) AS status, parent_run_id, parent_step_id
FROM <schema>.runs
WHERE id = ANY(:lockIds::uuid[])
ORDER BY id
FOR UPDATE
