SELECT id, run_id, attempt
FROM <schema>.steps
WHERE status = 'QUEUED' AND schedule_deadline < now()
ORDER BY schedule_deadline
LIMIT :limit
