-- Takes the releases of locked keys out of the ledger; the caller subtracts them from in_flight when it writes
-- the keys back (flowAdmit), in the same transaction.
DELETE FROM <schema>.flow_releases
WHERE key_id = ANY(:ids::bigint[])
RETURNING key_id, units
