-- The paused workflows in name order.
SELECT workflow_name, paused_at FROM <schema>.workflow_pauses ORDER BY workflow_name
