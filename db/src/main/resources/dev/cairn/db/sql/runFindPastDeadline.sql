-- Unfinished runs whose deadline passed (the deadline reaper cancels them), earliest first.
SELECT id, deadline_at
FROM <schema>.runs
WHERE deadline_at <= coalesce(:now::timestamptz, now()) AND status IN ('QUEUED', 'RUNNING')
ORDER BY deadline_at
LIMIT :limit
