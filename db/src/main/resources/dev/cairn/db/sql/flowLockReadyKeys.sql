-- Locks up to :maxKeys keys that have a step waiting behind them that the caller could run now, least served
-- first (round robin across keys), skipping keys another claim holds (never waiting for them). Returns each key
-- with its limit and its holders net of releases not folded in yet. A key with no room is not skipped here: the
-- caller decides (it may have releases to fold, and it reports when a rate key frees up).
-- <among> is empty, or narrows the keys to given ones (those a completion just freed), or for a claim of given runs
-- only, to the keys those runs' queued steps wait behind (found from the runs' steps: the key table is not walked).
-- in_flight is the locked row's (FOR UPDATE returns the latest committed version) and counts releases not folded
-- yet as holders: the caller folds them (flowFoldReleases) in a later statement, whose snapshot sees every fold a
-- claim that held the lock before committed. Subtracting the ledger here would read it in this statement's older
-- snapshot, where releases another claim already folded into the row still appear: counted twice, the key would
-- admit past its limit.
SELECT k.id, k.kind, k.rule, k.key, k.max_units, k.period_ms, k.in_flight
FROM <schema>.flow_keys k
WHERE EXISTS (SELECT 1 FROM <schema>.steps s
              WHERE s.gate_key = k.id AND s.status = 'QUEUED' AND s.available_at <= coalesce(:now::timestamptz, now())
                AND s.workflow_name = ANY(:workflowNames::text[])
                AND (s.definition_fingerprint IS NULL OR s.definition_fingerprint = ANY(:fingerprints::text[]))
                AND (s.label_sig IS NULL OR s.label_sig = ANY(:labelSigs::text[]))
                <routing>)
  <among>
ORDER BY k.served, k.id
LIMIT :maxKeys
FOR UPDATE OF k SKIP LOCKED
