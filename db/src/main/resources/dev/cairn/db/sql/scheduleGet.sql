SELECT name, workflow_name, cron, time_zone, input::text AS input, metadata::text AS metadata, priority, missed_ticks, overlap,
       paused, declared, next_due_at, last_tick_at, last_run_id, skipped_ticks, created_at, updated_at
FROM <schema>.schedules
WHERE name = :name
