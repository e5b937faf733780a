-- Takes back leases whose holder went silent: the step is queued again, or failed once its lease expiries
-- reach :maxLeaseExpiries. Fenced by attempt and re-checked against the clock, so a lease renewed since the
-- sweeper looked is left alone.
UPDATE <schema>.steps s
SET lease_expiries = s.lease_expiries + 1,
    status = CASE WHEN s.lease_expiries + 1 >= :maxLeaseExpiries THEN 'FAILED' ELSE 'QUEUED' END,
    error = CASE WHEN s.lease_expiries + 1 >= :maxLeaseExpiries
                 THEN 'lease expired ' || (s.lease_expiries + 1) || ' times; last holder: ' || coalesce(s.worker_id, '?')
                 ELSE s.error END,
    finished_at = CASE WHEN s.lease_expiries + 1 >= :maxLeaseExpiries THEN coalesce(:now::timestamptz, now()) END,
    queued_at = coalesce(:now::timestamptz, now()),
    available_at = coalesce(:now::timestamptz, now()),
    schedule_deadline = coalesce(:now::timestamptz, now()) + make_interval(secs => s.schedule_timeout_ms / 1000.0),
    lease_expires_at = NULL, lease_holder = NULL
FROM unnest(:ids::bigint[], :attempts::int[]) AS x(id, attempt)
WHERE s.id = x.id AND s.attempt = x.attempt AND s.status = 'RUNNING' AND s.lease_expires_at < coalesce(:now::timestamptz, now())
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
