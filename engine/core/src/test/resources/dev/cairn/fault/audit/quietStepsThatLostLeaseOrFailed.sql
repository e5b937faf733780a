-- (e) Steps of the runs that ran before any fault (their idempotency keys start with the parameter, a prefix) and
-- of their children that lost a lease or failed: with nothing injected, a healthy step keeps its lease.
WITH quiet AS (SELECT id FROM cairn.runs WHERE idempotency_key LIKE ? || '-%')
SELECT 'run ' || r.id || ' step ' || s.step_name || ' (no fault injected yet): lease_expiries ' || s.lease_expiries
       || ', failures ' || s.failures || coalesce(', last error: ' || left(s.error, 200), '') || '; assignments: '
       || (SELECT string_agg('attempt ' || e.attempt || ' to ' || coalesce(e.payload ->> 'worker', '?') || ' at '
                             || to_char(e.created_at, 'HH24:MI:SS.MS'), ', ' ORDER BY e.seq)
           FROM cairn.events e
           WHERE e.run_id = r.id AND e.step_name = s.step_name AND e.type = 'STEP_STARTED')
FROM cairn.runs r
JOIN cairn.steps s ON s.run_id = r.id
WHERE (r.id IN (SELECT id FROM quiet) OR r.parent_run_id IN (SELECT id FROM quiet))
  AND (s.lease_expiries > 0 OR s.failures > 0)
ORDER BY r.created_at
