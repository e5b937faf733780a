SELECT id, run_id, attempt
FROM <schema>.steps
WHERE status = 'RUNNING' AND lease_expires_at < coalesce(:now::timestamptz, now())
ORDER BY lease_expires_at
LIMIT :limit
