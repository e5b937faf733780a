-- Deletes the given runs with their child runs (the foreign keys cascade to steps, events and durable operations),
-- each only if it and every run below it are final, and it is a top-level run or its parent is final. Every run of
-- a tree is locked first; a tree with a run another transaction holds is skipped (retention never waits for the
-- engine), and so is one that changed before the lock. Returns the ids deleted.
WITH RECURSIVE candidates AS (
    SELECT r.id
    FROM <schema>.runs r
    WHERE r.id = ANY(:runIds::uuid[])
      AND r.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
      AND (:finishedBefore::timestamptz IS NULL OR r.finished_at < :finishedBefore::timestamptz)
      AND (r.parent_run_id IS NULL
           OR EXISTS (SELECT 1 FROM <schema>.runs p
                      WHERE p.id = r.parent_run_id AND p.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')))
), tree(root, id) AS (
    SELECT id, id FROM candidates
    UNION ALL
    SELECT t.root, c.id FROM <schema>.runs c JOIN tree t ON c.parent_run_id = t.id
), locked AS (
    SELECT r.id, r.status FROM <schema>.runs r WHERE r.id IN (SELECT id FROM tree) FOR UPDATE SKIP LOCKED
), doomed AS (
    SELECT t.root
    FROM tree t LEFT JOIN locked l ON l.id = t.id
    GROUP BY t.root
    HAVING bool_and(l.status IS NOT NULL AND l.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED'))
), deleted AS (
    DELETE FROM <schema>.runs r WHERE r.id IN (SELECT root FROM doomed) RETURNING r.id
)
SELECT id FROM deleted
