-- Skips the steps of failed runs that will never run now. The on-failure step is skipped only when asked.
UPDATE <schema>.steps s
SET status = 'SKIPPED', finished_at = coalesce(:now::timestamptz, now())
WHERE s.run_id = ANY(:runIds::uuid[]) AND s.status IN ('PENDING', 'QUEUED')
  AND (NOT s.on_failure OR :includeOnFailure)
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
