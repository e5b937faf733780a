-- Records the n-th durable operation of a step, or finds it recorded by an earlier invocation: the first
-- invocation's record wins. Times are computed by the database clock (wake_at = now + :delayMillis for sleeps
-- and event deadlines; since = now - :lookbackMillis for event waits). Returns the record and now().
WITH recorded AS (
    INSERT INTO <schema>.step_ops (step_id, seq, kind, signature, wake_at, since)
    VALUES (:stepId, :seq, :kind, :signature,
            now() + make_interval(secs => :delayMillis::bigint / 1000.0),
            now() - make_interval(secs => :lookbackMillis::bigint / 1000.0))
    ON CONFLICT (step_id, seq) DO NOTHING
    RETURNING kind, signature, wake_at, since, result
)
SELECT kind, signature, wake_at, since, result::text AS result, now() AS db_now FROM recorded
UNION ALL
SELECT kind, signature, wake_at, since, result::text, now() FROM <schema>.step_ops
WHERE step_id = :stepId AND seq = :seq AND NOT EXISTS (SELECT 1 FROM recorded)
