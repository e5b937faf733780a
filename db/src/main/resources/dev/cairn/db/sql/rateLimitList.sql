-- The static rate limits that are set.
SELECT rule, max_units, period_ms
FROM <schema>.flow_keys
WHERE kind = 'RATE' AND key = '' AND max_units IS NOT NULL
ORDER BY rule
