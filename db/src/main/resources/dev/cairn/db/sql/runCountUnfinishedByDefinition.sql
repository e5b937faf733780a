-- How many unfinished runs each workflow definition (fingerprint) has: the runs a change of definition would strand.
SELECT workflow_name, definition_fingerprint, count(*) AS runs
FROM <schema>.runs
-- (finished_at IS NULL exactly while the run is QUEUED or RUNNING; it lets runs_unfinished serve.)
WHERE finished_at IS NULL AND status IN ('QUEUED', 'RUNNING')
GROUP BY workflow_name, definition_fingerprint
ORDER BY workflow_name, definition_fingerprint
