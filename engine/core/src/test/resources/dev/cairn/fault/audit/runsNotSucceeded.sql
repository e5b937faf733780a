-- (a) Runs (diamonds and their children) that did not succeed, with every step's state: with the faults undone and
-- the survivors given time, every run must reach SUCCEEDED.
SELECT 'run ' || r.id || ' (' || r.workflow_name || ') is ' || r.status || coalesce(': ' || left(r.error, 300), '')
       || '; steps: ' || (SELECT string_agg(s.step_name || ' ' || s.status || ' attempt ' || s.attempt
                                            || ' lease_expiries ' || s.lease_expiries || ' failures ' || s.failures
                                            || coalesce(' (' || left(s.error, 200) || ')', ''), ', ' ORDER BY s.id)
                          FROM cairn.steps s WHERE s.run_id = r.id)
FROM cairn.runs r
WHERE r.status <> 'SUCCEEDED'
ORDER BY r.created_at
