-- Queued steps that have waited a moment without a reason shown: what holds each back (the key it queues behind,
-- with that key's limit and holders; or, for an ungated step, the worker labels it requires), for the sweep that
-- tells their views and logs why. The claim clears the reason when it leases the step.
-- in_flight is what the key has in use: holders net of releases for a concurrency key, units started within the
-- period for a rate key (a step waiting behind a rate key with units left waits for a slot, not for the limit).
SELECT s.id, s.run_id, s.attempt, s.label_sig, k.kind, k.rule, k.key, k.max_units, k.period_ms,
       CASE WHEN k.kind = 'RATE'
            THEN (SELECT coalesce(sum(l.units), 0) FROM <schema>.flow_rate_log l
                  WHERE l.key_id = k.id
                    AND l.at > coalesce(:now::timestamptz, now()) - make_interval(secs => k.period_ms / 1000.0))
            ELSE k.in_flight - coalesce((SELECT sum(r.units) FROM <schema>.flow_releases r WHERE r.key_id = k.id), 0)
       END AS in_flight
FROM <schema>.steps s
LEFT JOIN <schema>.flow_keys k ON k.id = s.gate_key
WHERE s.status = 'QUEUED' AND s.blocked_reason IS NULL AND (s.gate_key IS NOT NULL OR s.label_sig IS NOT NULL)
  AND s.available_at <= coalesce(:now::timestamptz, now()) - make_interval(secs => :afterMillis / 1000.0)
ORDER BY s.id
LIMIT :limit
