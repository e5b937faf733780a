-- Extends the leases of attempts still running for their holder. Answers one row per attempt asked about:
--   RENEWED  the lease now runs until now + :leaseMillis;
--   BUSY     another transaction holds the row right now (e.g. the attempt is saving a child start or a wait, whose
--            step_ops row locks its step through the foreign key, or its result is being committed): nothing was
--            renewed, but the attempt still held its lease at the last commit, so it is NOT lost; ask again soon;
--   LOST     the attempt is no longer current, no longer RUNNING, or not held by this holder: it must stop.
-- FOR NO KEY UPDATE is the weakest lock an UPDATE takes; it does not conflict with the foreign key's KEY SHARE.
WITH asked AS (
    SELECT x.id, x.run_id, x.attempt, x.holder
    FROM unnest(:ids::bigint[], :runIds::uuid[], :attempts::int[], :holders::text[]) AS x(id, run_id, attempt, holder)
), held AS (
    SELECT s.id
    FROM <schema>.steps s
    JOIN asked x ON s.id = x.id AND s.run_id = x.run_id AND s.attempt = x.attempt
    WHERE s.status = 'RUNNING' AND (x.holder IS NULL OR s.lease_holder = x.holder)
    ORDER BY s.id
    FOR NO KEY UPDATE OF s SKIP LOCKED
), renewed AS (
    UPDATE <schema>.steps s
    SET lease_expires_at = coalesce(:now::timestamptz, now()) + make_interval(secs => :leaseMillis / 1000.0)
    FROM held
    WHERE s.id = held.id
    RETURNING s.id
)
SELECT x.id,
       CASE WHEN x.id IN (SELECT id FROM renewed) THEN 'RENEWED'
            WHEN EXISTS (SELECT 1 FROM <schema>.steps s
                         WHERE s.id = x.id AND s.run_id = x.run_id AND s.attempt = x.attempt
                           AND s.status = 'RUNNING' AND (x.holder IS NULL OR s.lease_holder = x.holder))
                 THEN 'BUSY'
            ELSE 'LOST' END AS renewal
FROM asked x
