-- The distinct workflow names of all runs, read from the (workflow_name, created_at) index one name at a time (a
-- loose index scan), so it costs one index probe per workflow however many runs there are.
WITH RECURSIVE names(name) AS (
    (SELECT workflow_name FROM <schema>.runs ORDER BY workflow_name LIMIT 1)
    UNION ALL
    SELECT (SELECT r.workflow_name FROM <schema>.runs r WHERE r.workflow_name > n.name
            ORDER BY r.workflow_name LIMIT 1)
    FROM names n
    WHERE n.name IS NOT NULL
)
SELECT name FROM names WHERE name IS NOT NULL
