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
-- The probe for a waiting step is a scalar subquery with LIMIT 1, not EXISTS: the planner turned EXISTS into a
-- semi-join that aggregated every queued gated step (tens of thousands behind a busy rate key) on each claim; as a
-- subquery it is one look into steps_gated per key (in the index's order, so the first row found ends it), walking
-- the keys in served order until enough are found.
SELECT k.id, k.kind, k.rule, k.key, k.max_units, k.period_ms, k.in_flight
FROM <schema>.flow_keys k
WHERE (SELECT true FROM <schema>.steps s
       WHERE s.gate_key = k.id AND s.status = 'QUEUED' AND s.available_at <= coalesce(:now::timestamptz, now())
         AND s.workflow_name = ANY(:workflowNames::text[])
         AND (s.definition_fingerprint IS NULL OR s.definition_fingerprint = ANY(:fingerprints::text[]))
         AND (s.label_sig IS NULL OR s.label_sig = ANY(:labelSigs::text[]))
         <routing>
       ORDER BY s.priority DESC, s.id
       LIMIT 1)
  <among>
ORDER BY k.served, k.id
LIMIT :maxKeys
FOR UPDATE OF k SKIP LOCKED
