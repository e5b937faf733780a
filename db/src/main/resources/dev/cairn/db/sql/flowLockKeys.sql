-- Locks further keys a candidate step needs besides the one it queues behind; those another claim holds are
-- skipped (the step waits for the next claim). Same columns as flowLockReadyKeys (in_flight as there: the
-- locked row's, releases not subtracted).
SELECT k.id, k.kind, k.rule, k.key, k.max_units, k.period_ms, k.in_flight
FROM <schema>.flow_keys k
WHERE k.id = ANY(:ids::bigint[])
ORDER BY k.id
FOR UPDATE OF k SKIP LOCKED
