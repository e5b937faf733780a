-- Reserves event sequence numbers: returns each run's new last_event_seq; the caller numbers its events
-- (last_event_seq - count, last_event_seq]. Called with the run rows already locked (runLockAll).
UPDATE <schema>.runs r
SET last_event_seq = r.last_event_seq + x.count
FROM unnest(:ids::uuid[], :counts::bigint[]) AS x(id, count)
WHERE r.id = x.id
RETURNING r.id, r.last_event_seq
