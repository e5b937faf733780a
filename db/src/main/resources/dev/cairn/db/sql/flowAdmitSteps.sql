-- Admitted steps hold their concurrency keys and leave the gate (the claim that follows leases them); runs
-- admitted now hold their keys until they are final, and their other steps queue behind their own keys only.
WITH steps_admitted AS (
    UPDATE <schema>.steps s
    SET held_keys = x.held::bigint[], gate_key = NULL, blocked_reason = NULL
    FROM unnest(:stepIds::bigint[], :held::text[]) AS x(id, held)
    WHERE s.id = x.id AND s.status = 'QUEUED'
    RETURNING s.id
), runs_admitted AS (
    UPDATE <schema>.runs r
    SET held_keys = r.flow_keys
    WHERE r.id = ANY(:runIds::uuid[]) AND r.held_keys IS NULL AND r.flow_keys IS NOT NULL
    RETURNING r.id
), regated AS (
    UPDATE <schema>.steps s
    SET gate_key = s.flow_keys[1]
    WHERE s.run_id IN (SELECT id FROM runs_admitted) AND s.id <> ALL(:stepIds::bigint[])
      AND s.status IN ('PENDING', 'QUEUED', 'WAITING')
    RETURNING s.id
)
SELECT (SELECT count(*) FROM steps_admitted) AS steps, (SELECT count(*) FROM runs_admitted) AS runs
