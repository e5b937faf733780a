-- Writes back the locked keys after an admission: releases folded in, new holders added, admissions counted; and
-- logs the units each rate key started now.
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
)
SELECT (SELECT count(*) FROM updated) AS keys, (SELECT count(*) FROM logged) AS logged
