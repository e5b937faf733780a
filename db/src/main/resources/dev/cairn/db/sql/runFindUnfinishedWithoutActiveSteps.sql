-- Runs that claim to be unfinished but have no step that can move them on: orphans for the reconciler.
SELECT r.id
FROM <schema>.runs r
WHERE r.finished_at IS NULL AND r.status IN ('QUEUED', 'RUNNING')
  AND r.created_at < coalesce(:now::timestamptz, now()) - make_interval(secs => :minAgeMillis / 1000.0)
  AND NOT EXISTS (SELECT 1 FROM <schema>.steps s
                  WHERE s.run_id = r.id AND s.status IN ('QUEUED', 'RUNNING', 'WAITING'))
LIMIT :limit
