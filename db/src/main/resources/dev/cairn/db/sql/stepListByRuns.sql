SELECT id, run_id, step_name, status, on_failure, attempt, failures, lease_expiries, worker_id, lease_holder,
       queued_at, started_at, finished_at, output::text AS output, error, blocked_reason
FROM <schema>.steps
WHERE run_id = ANY(:runIds::uuid[])
ORDER BY run_id, id
