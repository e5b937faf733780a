-- Extends the leases of attempts still running here. Returns the ids still held: an attempt missing from the
-- answer was superseded (its lease expired and the step moved on) and must stop. Rows another transaction is
-- changing right now are skipped rather than waited for: they are being completed or taken back anyway.
WITH held AS (
    SELECT s.id
    FROM <schema>.steps s
    JOIN unnest(:ids::bigint[], :attempts::int[]) AS x(id, attempt) ON s.id = x.id AND s.attempt = x.attempt
    WHERE s.status = 'RUNNING'
    ORDER BY s.id
    FOR UPDATE SKIP LOCKED
)
UPDATE <schema>.steps s
SET lease_expires_at = now() + make_interval(secs => :leaseMillis / 1000.0)
FROM held
WHERE s.id = held.id
RETURNING s.id
