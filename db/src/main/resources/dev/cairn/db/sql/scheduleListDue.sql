-- Up to :limit unpaused schedules whose next tick is due, each with the statement's "now" (the time the caller
-- computes due ticks against). Nothing is locked: nodes that handle the same tick at once start the same run (its
-- idempotency key is the tick's identity), and only one of them moves the schedule on (scheduleAdvance).
SELECT name, workflow_name, cron, time_zone, input::text AS input, metadata::text AS metadata, priority, missed_ticks,
       overlap, paused, declared, next_due_at, last_tick_at, last_run_id, skipped_ticks, created_at, updated_at,
       coalesce(:now::timestamptz, now()) AS listed_at
FROM <schema>.schedules
WHERE NOT paused AND next_due_at <= coalesce(:now::timestamptz, now())
ORDER BY next_due_at
LIMIT :limit
