-- A limit declared in code changed (a new deployment): the rule's keys take the new value at their next admission.
-- Static rate limits (key '') are not declared in code but set through rateLimitSet, so they are left alone.
UPDATE <schema>.flow_keys
SET max_units = :maxUnits, period_ms = :periodMs
WHERE rule = :rule AND NOT (kind = 'RATE' AND key = '')
  AND (max_units IS DISTINCT FROM :maxUnits OR period_ms IS DISTINCT FROM :periodMs)
