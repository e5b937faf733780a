-- Locks further keys a candidate step needs besides the one it queues behind; those another claim holds are
-- skipped (the step waits for the next claim), and so are rate keys when :concurrencyOnly (a fast path's long
-- transaction must not hold a key every node shares). Same columns as flowLockReadyKeys (in_flight as there: the
-- locked row's, releases not subtracted).
SELECT k.id, k.kind, k.rule, k.key, k.max_units, k.period_ms, k.in_flight
FROM <schema>.flow_keys k
WHERE k.id = ANY(:ids::bigint[]) AND (NOT :concurrencyOnly OR k.kind = 'CONCURRENCY')
ORDER BY k.id
FOR UPDATE OF k SKIP LOCKED
