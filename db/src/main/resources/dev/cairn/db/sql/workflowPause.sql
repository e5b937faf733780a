-- Pauses a workflow; returns when it was paused (the first pause's time when it was paused already).
INSERT INTO <schema>.workflow_pauses AS p (workflow_name, paused_at)
VALUES (:workflowName, coalesce(:now::timestamptz, now()))
ON CONFLICT (workflow_name) DO UPDATE SET paused_at = p.paused_at
RETURNING paused_at
