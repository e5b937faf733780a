-- Ends the transaction, sent after its last statement in the same round trip (see StoreTx#eventAppendAllAndCommit).
COMMIT
