-- Queued steps that have waited a moment without a reason shown: what holds each back (the key it queues behind,
-- with that key's limit and holders; or, for an ungated step, the worker labels it requires), for the sweep that
-- tells their views and logs why. The claim clears the reason when it leases the step.
SELECT s.id, s.run_id, s.attempt, s.label_sig, k.kind, k.rule, k.key, k.max_units, k.period_ms,
       k.in_flight - coalesce((SELECT sum(r.units) FROM <schema>.flow_releases r WHERE r.key_id = k.id), 0)
           AS in_flight
FROM <schema>.steps s
LEFT JOIN <schema>.flow_keys k ON k.id = s.gate_key
WHERE s.status = 'QUEUED' AND s.blocked_reason IS NULL AND (s.gate_key IS NOT NULL OR s.label_sig IS NOT NULL)
  AND s.available_at <= coalesce(:now::timestamptz, now()) - make_interval(secs => :afterMillis / 1000.0)
ORDER BY s.id
LIMIT :limit
