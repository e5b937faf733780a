-- Writes an admission back, in one statement: the locked keys (releases folded in, new holders added, admissions
-- counted), the units each rate key started now, the admitted steps (they hold their concurrency keys and leave the
-- gate; the claim that follows leases them) and the runs admitted now (they hold their keys until they are final,
-- and their other steps queue behind their own keys only). The CTEs update disjoint rows.
WITH updated AS (
    UPDATE <schema>.flow_keys k
    SET in_flight = k.in_flight - x.released + x.admitted, served = k.served + x.served
    FROM unnest(:ids::bigint[], :released::int[], :admitted::int[], :served::int[]) AS x(id, released, admitted, served)
    WHERE k.id = x.id
    RETURNING k.id
), logged AS (
    INSERT INTO <schema>.flow_rate_log (key_id, at, units)
    SELECT l.id, coalesce(:now::timestamptz, now()), l.units
    FROM unnest(:rateIds::bigint[], :rateUnits::int[]) AS l(id, units)
    WHERE l.units > 0
    RETURNING 1
), steps_admitted AS (
    -- A step holding no concurrency key (rate keys are consumed, not held) stores NULL, so leaving RUNNING costs
    -- it no release.
    UPDATE <schema>.steps s
    SET held_keys = NULLIF(x.held::bigint[], '{}'), gate_key = NULL, blocked_reason = NULL
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
SELECT (SELECT count(*) FROM updated) AS keys, (SELECT count(*) FROM logged) AS logged,
       (SELECT count(*) FROM steps_admitted) AS steps, (SELECT count(*) FROM runs_admitted) AS runs
