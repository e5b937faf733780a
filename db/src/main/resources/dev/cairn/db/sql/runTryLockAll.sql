-- Locks those of the runs no other transaction holds, never waiting (SKIP LOCKED); runs this transaction holds
-- already are returned too. A transaction that holds run locks already (a completion) takes further runs only this
-- way: waiting for them, out of id order, could deadlock with a claim that holds them and waits for its runs.
SELECT id
FROM <schema>.runs
WHERE id = ANY(:ids::uuid[])
ORDER BY id
FOR UPDATE SKIP LOCKED
