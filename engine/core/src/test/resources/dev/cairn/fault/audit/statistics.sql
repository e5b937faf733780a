-- What was counted, one line each, for the report: runs by workflow and status, step executions the bodies
-- recorded (by step and by worker), the engine's step events by type, and lease expiries.
SELECT line FROM (
    SELECT 1 AS position, 'runs: ' || coalesce(string_agg(workflow_name || ' ' || status || ' ' || n, ', '
                                                          ORDER BY workflow_name, status), 'none') AS line
    FROM (SELECT workflow_name, status, count(*) AS n FROM cairn.runs GROUP BY workflow_name, status) runs
    UNION ALL
    SELECT 2, 'step executions recorded by step bodies: ' || coalesce(sum(n), 0) || ' ('
              || coalesce(string_agg(step_name || ' ' || n, ', ' ORDER BY step_name), '') || ')'
    FROM (SELECT step_name, count(*) AS n FROM fault_audit.executions GROUP BY step_name) steps
    UNION ALL
    SELECT 3, 'executions per worker: ' || coalesce(string_agg(worker || ' ' || n, ', ' ORDER BY worker), 'none')
    FROM (SELECT worker, count(*) AS n FROM fault_audit.executions GROUP BY worker) workers
    UNION ALL
    SELECT 4, 'engine events: ' || coalesce(string_agg(type || ' ' || n, ', ' ORDER BY type), 'none')
    FROM (SELECT type, count(*) AS n FROM cairn.events WHERE type LIKE 'STEP\_%' GROUP BY type) types
    UNION ALL
    SELECT 5, 'steps with lease expiries: ' || count(*) || ' (' || coalesce(sum(lease_expiries), 0)
              || ' expiries, most on one step ' || coalesce(max(lease_expiries), 0) || ')'
    FROM cairn.steps
    WHERE lease_expiries > 0
) lines
ORDER BY position
