-- The attempts currently leased to one holder (a worker re-registering names the ones it still runs; the others
-- are handed back).
SELECT id, run_id, attempt, lease_holder
FROM <schema>.steps
-- Every RUNNING step has a lease: the expiry test lets the lease index (steps_leases) find them.
WHERE status = 'RUNNING' AND lease_expires_at IS NOT NULL AND lease_holder = :holder
ORDER BY id
LIMIT :limit
