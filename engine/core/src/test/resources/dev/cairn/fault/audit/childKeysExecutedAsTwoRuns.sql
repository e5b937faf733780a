-- (c) A (parent run, key) whose child work was executed under two different child run ids, as the child bodies
-- recorded it (the key and parent travel in the child's input): catches a second child even if the engine's
-- records were to lose the first.
SELECT 'run ' || parent_run_id || ' key ' || child_key || ' was executed as ' || count(DISTINCT run_id)
       || ' different child runs: ' || string_agg(DISTINCT run_id::text, ', ')
FROM fault_audit.executions
WHERE parent_run_id IS NOT NULL
GROUP BY parent_run_id, child_key
HAVING count(DISTINCT run_id) > 1
