-- (a) Diamonds that do not have exactly their fan-out's number of child runs. Parameters: the number of children,
-- the diamond workflow's name, the number of children.
SELECT 'run ' || p.id || ' has ' || count(c.id) || ' child runs, not ' || ?
FROM cairn.runs p
LEFT JOIN cairn.runs c ON c.parent_run_id = p.id
WHERE p.workflow_name = ?
GROUP BY p.id
HAVING count(c.id) <> ?
