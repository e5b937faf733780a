-- Creates the given keys if they do not exist and returns the id of each, in order. A key new to a rule starts at
-- the rule's least served count, so a newcomer is neither starved nor given a head start over keys with backlog.
-- A limit that changed in the code (max_units, period_ms) is updated; a static rate limit's row is created
-- unlimited (max_units NULL) and set through rateLimitSet.
WITH wanted AS (
    SELECT w.ord, w.kind, w.rule, w.key, w.max_units, w.period_ms
    FROM unnest(:kinds::text[], :rules::text[], :keys::text[], :maxUnits::int[], :periods::bigint[])
         WITH ORDINALITY AS w(kind, rule, key, max_units, period_ms, ord)
), inserted AS (
    INSERT INTO <schema>.flow_keys (kind, rule, key, max_units, period_ms, served, created_at)
    SELECT w.kind, w.rule, w.key, w.max_units, w.period_ms,
           coalesce((SELECT min(k.served) FROM <schema>.flow_keys k WHERE k.rule = w.rule), 0), coalesce(:now::timestamptz, now())
    FROM wanted w
    ON CONFLICT (rule, key) DO NOTHING
    RETURNING id, rule, key
)
SELECT w.ord, coalesce(i.id, k.id) AS id
FROM wanted w
LEFT JOIN inserted i ON i.rule = w.rule AND i.key = w.key
LEFT JOIN <schema>.flow_keys k ON k.rule = w.rule AND k.key = w.key
ORDER BY w.ord
