-- How many runs match the filters of runList (without its paging), per status: the dashboard's counts. Reads the
-- same index as runList; a filter left null matches every run.
SELECT status, count(*) AS count
FROM <schema>.runs
WHERE (:workflowName::text IS NULL OR workflow_name = :workflowName::text)
  AND (cardinality(:statuses::text[]) = 0 OR status = ANY(:statuses::text[]))
  AND metadata @> :metadata::jsonb
  AND (:createdFrom::timestamptz IS NULL OR created_at >= :createdFrom::timestamptz)
  AND (:createdTo::timestamptz IS NULL OR created_at < :createdTo::timestamptz)
GROUP BY status
