-- Stores an operation's result once; a result stored before stays (the first invocation's answer wins).
UPDATE <schema>.step_ops
SET result = coalesce(result, :result::jsonb)
WHERE step_id = :stepId AND seq = :seq
RETURNING result::text AS result
