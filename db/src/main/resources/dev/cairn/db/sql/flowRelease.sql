-- Gives back the keys held by steps of the given runs that left RUNNING (success, failure, retry, lease expiry,
-- hand-back, suspension, cancel) and by the given runs that are final, exactly once (the rows are locked and
-- cleared in this statement). A step that may run again queues behind its own keys again. Releases go to the
-- ledger (the next admission of the key folds them in): no key row is locked here.
WITH leaving AS (
    SELECT s.id, s.held_keys
    FROM <schema>.steps s
    WHERE s.run_id = ANY(:runIds::uuid[]) AND s.held_keys IS NOT NULL AND s.status <> 'RUNNING'
    FOR UPDATE
), cleared AS (
    UPDATE <schema>.steps s
    SET held_keys = NULL,
        gate_key = CASE WHEN s.status IN ('PENDING', 'QUEUED', 'WAITING') THEN s.flow_keys[1] END
    FROM leaving l
    WHERE s.id = l.id
    RETURNING s.id
), regated AS (
    -- A step with keys that may run again (a retry, a hand-back, a wake-up) passes admission again, also when it
    -- held nothing (rate keys are consumed, not held).
    UPDATE <schema>.steps s
    SET gate_key = s.flow_keys[1]
    WHERE s.run_id = ANY(:runIds::uuid[]) AND s.flow_keys IS NOT NULL AND s.gate_key IS NULL
      AND s.held_keys IS NULL AND s.status IN ('PENDING', 'QUEUED', 'WAITING')
    RETURNING s.id
), runs_leaving AS (
    SELECT r.id, r.held_keys
    FROM <schema>.runs r
    WHERE r.id = ANY(:runIds::uuid[]) AND r.held_keys IS NOT NULL AND r.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
    FOR UPDATE
), runs_cleared AS (
    UPDATE <schema>.runs r SET held_keys = NULL FROM runs_leaving l WHERE r.id = l.id RETURNING r.id
), released AS (
    INSERT INTO <schema>.flow_releases (key_id, units)
    SELECT k, 1 FROM leaving l JOIN cleared c ON c.id = l.id, unnest(l.held_keys) AS k
    UNION ALL
    SELECT k, 1 FROM runs_leaving l JOIN runs_cleared c ON c.id = l.id, unnest(l.held_keys) AS k
    RETURNING key_id
)
SELECT (SELECT count(*) FROM released) + (SELECT count(*) FROM regated) AS changes,
       ARRAY(SELECT DISTINCT key_id FROM released ORDER BY key_id) AS freed_keys
