-- Whether any step runs or could run now: RUNNING, QUEUED and available, or WAITING on a wait that is over.
-- False means every unfinished step waits for a time, an event or its parents (the test kit skips time then).
SELECT EXISTS (SELECT 1 FROM <schema>.steps s
               -- (A RUNNING step always has a lease; testing its expiry lets steps_leases find one.)
               WHERE (s.status = 'RUNNING' AND s.lease_expires_at IS NOT NULL)
                  OR (s.status = 'QUEUED' AND s.available_at <= coalesce(:now::timestamptz, now()))
                  OR (s.status = 'WAITING' AND <schema>.wait_is_over(s, coalesce(:now::timestamptz, now()))))
