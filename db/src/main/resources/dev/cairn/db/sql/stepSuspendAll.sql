-- Suspends running attempts: the step becomes WAITING (no slot, no lease) with what it waits for. Fenced like
-- stepCompleteAll. Children to wait for arrive comma-joined.
UPDATE <schema>.steps s
SET status = 'WAITING', lease_expires_at = NULL, lease_holder = NULL,
    wait_kind = x.kind,
    wake_at = x.wake_at::timestamptz,
    wait_runs = CASE WHEN x.runs IS NULL THEN NULL ELSE string_to_array(x.runs, ',')::uuid[] END,
    wait_event_key = x.event_key,
    wait_event_since = x.event_since::timestamptz
FROM unnest(:ids::bigint[], :runIds::uuid[], :attempts::int[], :holders::text[], :kinds::text[], :wakeAts::text[],
            :runs::text[], :eventKeys::text[], :eventSinces::text[])
     AS x(id, run_id, attempt, holder, kind, wake_at, runs, event_key, event_since)
WHERE s.id = x.id AND s.run_id = x.run_id AND s.attempt = x.attempt AND s.status = 'RUNNING'
  AND (x.holder IS NULL OR s.lease_holder = x.holder)
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
