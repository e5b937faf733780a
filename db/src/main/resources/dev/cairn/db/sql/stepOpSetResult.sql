-- Stores an operation's result once; a result stored before stays (the first invocation's answer wins).
-- Fenced like stepOpRecord: no row comes back unless the caller holds the step's current attempt.
UPDATE <schema>.step_ops o
SET result = coalesce(o.result, :result::jsonb)
FROM <schema>.steps s
WHERE o.step_id = :stepId AND o.seq = :seq
  AND s.id = o.step_id AND s.run_id = :runId AND s.attempt = :attempt AND s.status = 'RUNNING'
  AND (:holder::text IS NULL OR s.lease_holder = :holder::text)
RETURNING o.result::text AS result
