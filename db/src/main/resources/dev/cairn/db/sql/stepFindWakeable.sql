-- WAITING steps whose wait is over: the sweeper's fallback for lost wake-ups.
SELECT s.id, s.run_id, s.attempt
FROM <schema>.steps s
WHERE s.status = 'WAITING' AND <schema>.wait_is_over(s, coalesce(:now::timestamptz, now()))
LIMIT :limit
