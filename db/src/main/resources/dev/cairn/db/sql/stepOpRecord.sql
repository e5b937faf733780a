-- Records the n-th durable operation of a step, or finds it recorded by an earlier invocation: the first
-- invocation's record wins. Times are computed by the engine's clock (:now; null: the database's) (wake_at = now + :delayMillis for sleeps
-- and event deadlines; since = now - :lookbackMillis for event waits). Returns the record and that "now".
-- Fenced: nothing is recorded or returned unless the step is RUNNING in run :runId with attempt :attempt, leased to
-- :holder (null for the engine itself); no row comes back otherwise.
WITH held AS (
    SELECT s.id
    FROM <schema>.steps s
    WHERE s.id = :stepId AND s.run_id = :runId AND s.attempt = :attempt AND s.status = 'RUNNING'
      AND (:holder::text IS NULL OR s.lease_holder = :holder::text)
), recorded AS (
    INSERT INTO <schema>.step_ops (step_id, seq, kind, signature, wake_at, since, created_at)
    SELECT held.id, :seq, :kind, :signature,
           coalesce(:now::timestamptz, now()) + make_interval(secs => :delayMillis::bigint / 1000.0),
           coalesce(:now::timestamptz, now()) - make_interval(secs => :lookbackMillis::bigint / 1000.0),
           coalesce(:now::timestamptz, now())
    FROM held
    ON CONFLICT (step_id, seq) DO NOTHING
    RETURNING kind, signature, wake_at, since, result
)
SELECT kind, signature, wake_at, since, result::text AS result, coalesce(:now::timestamptz, now()) AS db_now FROM recorded
UNION ALL
SELECT o.kind, o.signature, o.wake_at, o.since, o.result::text, coalesce(:now::timestamptz, now())
FROM <schema>.step_ops o
JOIN held ON held.id = o.step_id
WHERE o.seq = :seq AND NOT EXISTS (SELECT 1 FROM recorded)
