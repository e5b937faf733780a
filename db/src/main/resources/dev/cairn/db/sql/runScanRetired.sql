-- The next runs of a workflow, in creation order after the keyset (:afterCreatedAt, :afterId), that retention may
-- delete: top-level runs finished before :cutoff (a run finished before the cutoff was created before it too, so
-- the scan stays inside the index's range). Child runs go with their top-level run. Also returns the keyset of the
-- last run scanned, finished or not, so the next batch starts after it.
WITH scanned AS (
    SELECT id, created_at, status, finished_at, parent_run_id
    FROM <schema>.runs
    WHERE workflow_name = :workflowName
      AND created_at < :cutoff
      AND (created_at, id) > (:afterCreatedAt, :afterId)
    ORDER BY created_at, id
    LIMIT :limit
)
SELECT s.id, s.created_at,
       s.parent_run_id IS NULL AND s.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND s.finished_at < :cutoff
           AS retired
FROM scanned s
ORDER BY s.created_at, s.id
