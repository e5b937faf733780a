-- Replaces what a schedule does (its workflow, expression, input and policies) and its next due tick; keeps its
-- history (last tick and run, skipped ticks) and whether it is paused. Returns it, or nothing when there is none.
UPDATE <schema>.schedules s
SET workflow_name = :workflowName, cron = :cron, time_zone = :timeZone, input = :input::jsonb,
    metadata = :metadata::jsonb, priority = :priority, missed_ticks = :missedTicks, overlap = :overlap,
    declared = :declared, next_due_at = :nextDueAt, updated_at = coalesce(:now::timestamptz, now())
WHERE s.name = :name
RETURNING name, workflow_name, cron, time_zone, input::text AS input, metadata::text AS metadata, priority, missed_ticks, overlap,
       paused, declared, next_due_at, last_tick_at, last_run_id, skipped_ticks, created_at, updated_at
