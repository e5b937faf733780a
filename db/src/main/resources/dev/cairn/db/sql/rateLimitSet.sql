-- Creates or changes a static rate limit (the row steps naming it are admitted against).
INSERT INTO <schema>.flow_keys (kind, rule, key, max_units, period_ms, created_at)
VALUES ('RATE', :rule, '', :units, :periodMs, coalesce(:now::timestamptz, now()))
ON CONFLICT (rule, key) DO UPDATE SET max_units = EXCLUDED.max_units, period_ms = EXCLUDED.period_ms
