-- (b) Steps whose success was recorded more than once: a checkpoint is committed once.
SELECT 'checkpoint stored ' || count(*) || ' times: run ' || run_id || ' step ' || step_name
FROM cairn.events
WHERE type = 'STEP_SUCCEEDED'
GROUP BY run_id, step_name
HAVING count(*) > 1
