-- Moves a schedule past the ticks it handled: the next due tick, the last tick and run (kept when this pass started
-- none), and the count of ticks that started no run. Only if its next tick is still :handledDueAt and it is not
-- paused: of nodes that handled the same ticks at once, one moves it on (the others started the same runs).
UPDATE <schema>.schedules s
SET next_due_at = :nextDueAt, last_tick_at = coalesce(:lastTickAt::timestamptz, s.last_tick_at),
    last_run_id = coalesce(:lastRunId::uuid, s.last_run_id), skipped_ticks = s.skipped_ticks + :skipped
WHERE s.name = :name AND s.next_due_at = :handledDueAt AND NOT s.paused
RETURNING s.name
