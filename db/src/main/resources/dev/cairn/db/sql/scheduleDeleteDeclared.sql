-- Deletes the schedules declared by @Workflow(cron) of the given workflows, whose code no longer declares one (a
-- schedule created by the API is left alone). Returns the names deleted.
DELETE FROM <schema>.schedules WHERE declared AND name = ANY(:names::text[]) RETURNING name
