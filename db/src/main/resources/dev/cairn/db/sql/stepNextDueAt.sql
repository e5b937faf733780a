-- The earliest future time at which a step becomes due by time alone: a QUEUED step's backoff ends, or a WAITING
-- step's sleep or event wait times out. Null when no step waits on time.
SELECT min(due) FROM (
    SELECT s.available_at AS due FROM <schema>.steps s
    WHERE s.status = 'QUEUED' AND s.available_at > coalesce(:now::timestamptz, now())
    UNION ALL
    SELECT s.wake_at FROM <schema>.steps s
    WHERE s.status = 'WAITING' AND s.wake_at IS NOT NULL
) d
