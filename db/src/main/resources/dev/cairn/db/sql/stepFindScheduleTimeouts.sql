SELECT id, run_id, attempt
FROM <schema>.steps
WHERE status = 'QUEUED' AND schedule_deadline < coalesce(:now::timestamptz, now())
ORDER BY schedule_deadline
LIMIT :limit
