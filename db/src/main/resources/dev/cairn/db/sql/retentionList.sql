-- The workflows whose retention differs from the engine's default (retention_ms NULL: kept forever), in name order.
SELECT workflow_name, retention_ms, declared FROM <schema>.workflow_retention ORDER BY workflow_name
