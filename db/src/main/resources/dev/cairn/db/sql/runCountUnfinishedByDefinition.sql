-- How many unfinished runs each workflow definition (fingerprint) has: the runs a change of definition would strand.
SELECT workflow_name, definition_fingerprint, count(*) AS runs
FROM <schema>.runs
WHERE status IN ('QUEUED', 'RUNNING')
GROUP BY workflow_name, definition_fingerprint
ORDER BY workflow_name, definition_fingerprint
