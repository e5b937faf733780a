-- The engine's SQL gauges in one statement: queued steps per workflow with when the longest-waiting runnable one
-- became runnable, and unfinished runs per status. Read only while a meter registry is scraped, at most every few
-- seconds (see QueueGauges); both parts read queued or running rows only (partial indexes), never finished history.
SELECT 'queue' AS part, workflow_name AS name, count(*) AS count,
       min(greatest(queued_at, available_at))
           FILTER (WHERE available_at <= coalesce(:now::timestamptz, now())) AS since
FROM <schema>.steps
WHERE status = 'QUEUED'
GROUP BY workflow_name
UNION ALL
SELECT 'runs', status, count(*), NULL
FROM <schema>.runs
WHERE finished_at IS NULL AND status IN ('QUEUED', 'RUNNING')
GROUP BY status
