-- The next top-level runs of a workflow that finished before :cutoff, in the order they finished, after the keyset
-- (:afterFinishedAt, :afterId): retention's candidates (runDeleteTrees decides, under lock, which may go).
SELECT id, finished_at
FROM <schema>.runs
WHERE workflow_name = :workflowName
  AND parent_run_id IS NULL
  AND finished_at IS NOT NULL
  AND finished_at < :cutoff
  AND (finished_at, id) > (:afterFinishedAt, :afterId)
ORDER BY finished_at, id
LIMIT :limit
