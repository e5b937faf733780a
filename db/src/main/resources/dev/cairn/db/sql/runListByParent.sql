-- The child runs of one run with the name of the step that started each, oldest first, at most :limit: the
-- dashboard draws them under that step.
SELECT c.id, c.workflow_name, c.status, s.step_name AS parent_step, c.created_at, c.finished_at
FROM <schema>.runs c
JOIN <schema>.steps s ON s.id = c.parent_step_id
WHERE c.parent_run_id = :parentRunId
ORDER BY c.created_at, c.id
LIMIT :limit
