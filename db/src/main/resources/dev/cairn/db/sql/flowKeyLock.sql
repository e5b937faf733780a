-- Locks keys for a trigger that must decide against their runs (CANCEL_* strategies), in id order, waiting.
SELECT id FROM <schema>.flow_keys WHERE id = ANY(:ids::bigint[]) ORDER BY id FOR UPDATE
