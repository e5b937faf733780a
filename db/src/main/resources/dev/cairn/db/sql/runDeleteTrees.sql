-- Deletes the given runs with their child runs, and the steps and events of them all (a child run goes by its parent
-- foreign key's cascade, and durable operations by their step's; steps and events have none, see V014),
-- each only if it and every run below it are final and hold no concurrency key (a hold not yet given back would be
-- lost with its row), and it is a top-level run or its parent succeeded (a failed or cancelled parent may be
-- replayed, and its replay needs its children). Every run of a tree is locked first; a tree with a run another
-- transaction holds is skipped (retention never waits for the engine), and so is one that changed before the lock.
-- Returns the ids deleted.
WITH RECURSIVE candidates AS (
    SELECT r.id
    FROM <schema>.runs r
    WHERE r.id = ANY(:runIds::uuid[])
      AND r.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
      AND (:finishedBefore::timestamptz IS NULL OR r.finished_at < :finishedBefore::timestamptz)
      AND (r.parent_run_id IS NULL
           OR EXISTS (SELECT 1 FROM <schema>.runs p WHERE p.id = r.parent_run_id AND p.status = 'SUCCEEDED'))
), tree(root, id) AS (
    SELECT id, id FROM candidates
    UNION ALL
    SELECT t.root, c.id FROM <schema>.runs c JOIN tree t ON c.parent_run_id = t.id
), locked AS (
    SELECT r.id, r.status,
           r.held_keys IS NULL
           AND NOT EXISTS (SELECT 1 FROM <schema>.steps s WHERE s.run_id = r.id AND s.held_keys IS NOT NULL) AS free
    FROM <schema>.runs r
    WHERE r.id IN (SELECT id FROM tree)
    FOR UPDATE OF r SKIP LOCKED
), doomed AS (
    SELECT t.root
    FROM tree t LEFT JOIN locked l ON l.id = t.id
    GROUP BY t.root
    HAVING bool_and(l.status IS NOT NULL AND l.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND l.free)
), doomed_runs AS (
    SELECT t.id FROM tree t WHERE t.root IN (SELECT root FROM doomed)
), steps_deleted AS (
    DELETE FROM <schema>.steps s WHERE s.run_id IN (SELECT id FROM doomed_runs)
), events_deleted AS (
    DELETE FROM <schema>.events e WHERE e.run_id IN (SELECT id FROM doomed_runs)
), deleted AS (
    DELETE FROM <schema>.runs r WHERE r.id IN (SELECT root FROM doomed) RETURNING r.id
)
SELECT id FROM deleted
