-- How many durable operations the step has recorded. Fenced like stepOpRecord: no row unless the caller holds
-- the step's current attempt.
SELECT (SELECT count(*) FROM <schema>.step_ops o WHERE o.step_id = s.id) AS count
FROM <schema>.steps s
WHERE s.id = :stepId AND s.run_id = :runId AND s.attempt = :attempt AND s.status = 'RUNNING'
  AND (:holder::text IS NULL OR s.lease_holder = :holder::text)
