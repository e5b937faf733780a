-- Records why queued steps wait (once per episode: only where no reason is shown yet, for the attempt named).
UPDATE <schema>.steps s
SET blocked_reason = x.reason
FROM unnest(:ids::bigint[], :attempts::int[], :reasons::text[]) AS x(id, attempt, reason)
WHERE s.id = x.id AND s.attempt = x.attempt AND s.status = 'QUEUED' AND s.blocked_reason IS NULL
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
