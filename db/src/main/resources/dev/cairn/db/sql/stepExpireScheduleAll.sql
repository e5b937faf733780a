-- Fails queued steps that waited past their schedule deadline without getting a slot.
UPDATE <schema>.steps s
SET status = 'FAILED', finished_at = coalesce(:now::timestamptz, now()),
    error = 'schedule timeout: queued for more than ' || s.schedule_timeout_ms || ' ms without a free slot'
WHERE s.id = ANY(:ids::bigint[]) AND s.status = 'QUEUED' AND s.schedule_deadline < coalesce(:now::timestamptz, now())
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
