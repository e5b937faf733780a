-- Unfinished runs that use a key of a run-level limit, oldest first (for the CANCEL_* strategies; the caller holds
-- the key's row lock, so concurrent triggers of the key see each other's runs).
SELECT r.id
FROM <schema>.runs r
WHERE r.flow_keys @> ARRAY[:keyId::bigint] AND r.flow_keys IS NOT NULL AND r.status IN ('QUEUED', 'RUNNING')
ORDER BY r.created_at, r.id
