-- The units started within the last period of each locked rate key, oldest first, after forgetting older ones.
WITH forgotten AS (
    DELETE FROM <schema>.flow_rate_log l
    USING unnest(:ids::bigint[], :periods::bigint[]) AS k(id, period_ms)
    WHERE l.key_id = k.id AND l.at <= coalesce(:now::timestamptz, now()) - make_interval(secs => k.period_ms / 1000.0)
    RETURNING 1
)
SELECT l.key_id, l.at, l.units, (SELECT count(*) FROM forgotten) AS forgotten
FROM <schema>.flow_rate_log l
JOIN unnest(:ids::bigint[], :periods::bigint[]) AS k(id, period_ms) ON k.id = l.key_id
WHERE l.at > coalesce(:now::timestamptz, now()) - make_interval(secs => k.period_ms / 1000.0)
ORDER BY l.key_id, l.at
