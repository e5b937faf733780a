-- Pauses or resumes a schedule. Resuming sets the next due tick the caller computed from now, so the ticks that
-- passed while it was paused are not run. Returns it, or nothing when there is none.
UPDATE <schema>.schedules s
SET paused = :paused, next_due_at = coalesce(:nextDueAt::timestamptz, s.next_due_at), updated_at = coalesce(:now::timestamptz, now())
WHERE s.name = :name
RETURNING name, workflow_name, cron, time_zone, input::text AS input, metadata::text AS metadata, priority, missed_ticks, overlap,
       paused, declared, next_due_at, last_tick_at, last_run_id, skipped_ticks, created_at, updated_at
