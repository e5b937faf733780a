-- Creates a schedule; returns it, or nothing when one of that name exists (the caller says which).
INSERT INTO <schema>.schedules AS s (name, workflow_name, cron, time_zone, input, metadata, priority, missed_ticks,
                                     overlap, paused, declared, next_due_at, created_at, updated_at)
VALUES (:name, :workflowName, :cron, :timeZone, :input::jsonb, :metadata::jsonb, :priority, :missedTicks, :overlap,
        :paused, :declared, :nextDueAt, coalesce(:now::timestamptz, now()), coalesce(:now::timestamptz, now()))
ON CONFLICT (name) DO NOTHING
RETURNING name, workflow_name, cron, time_zone, input::text AS input, metadata::text AS metadata, priority, missed_ticks, overlap,
       paused, declared, next_due_at, last_tick_at, last_run_id, skipped_ticks, created_at, updated_at
