-- Suspends running attempts: the step becomes WAITING (no slot, no lease) with what it waits for. Fenced like
-- stepCompleteAll. Children to wait for arrive comma-joined.
UPDATE <schema>.steps s
SET status = 'WAITING', lease_expires_at = NULL,
    wait_kind = x.kind,
    wake_at = x.wake_at::timestamptz,
    wait_runs = CASE WHEN x.runs IS NULL THEN NULL ELSE string_to_array(x.runs, ',')::uuid[] END,
    wait_event_key = x.event_key,
    wait_event_since = x.event_since::timestamptz
FROM unnest(:ids::bigint[], :attempts::int[], :kinds::text[], :wakeAts::text[], :runs::text[],
            :eventKeys::text[], :eventSinces::text[])
     AS x(id, attempt, kind, wake_at, runs, event_key, event_since)
WHERE s.id = x.id AND s.attempt = x.attempt AND s.status = 'RUNNING'
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
