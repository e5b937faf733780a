-- The reconciler's sweep: runs (up to :limit) with a step or themselves still holding keys they should not (a path
-- that left RUNNING without releasing, a definition changed under a held key). The caller releases them with
-- flowRelease, run by run under the run lock like any completion.
SELECT DISTINCT run_id FROM (
    (SELECT s.run_id FROM <schema>.steps s WHERE s.held_keys IS NOT NULL AND s.status <> 'RUNNING' LIMIT :limit)
    UNION ALL
    (SELECT r.id FROM <schema>.runs r
     WHERE r.held_keys IS NOT NULL AND r.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') LIMIT :limit)
) stale
