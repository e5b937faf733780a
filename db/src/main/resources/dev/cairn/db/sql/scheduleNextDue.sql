-- When the earliest unpaused schedule is due; null without one.
SELECT min(next_due_at) FROM <schema>.schedules WHERE NOT paused
