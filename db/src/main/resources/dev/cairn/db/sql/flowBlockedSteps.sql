-- Queued steps that have waited a moment without a reason shown and are really held back: behind a key that is
-- full (a concurrency key with all its units held, a rate key whose window is spent), or, ungated, requiring
-- worker labels (the caller checks those against the connected workers). For the sweep that tells their views and
-- logs why; the claim clears the reason when it leases the step.
-- in_flight is what a key has in use: holders net of releases for a concurrency key, units started within the
-- period for a rate key; computed once per key that has unreported waiting steps.
-- Steps are read through the queue's partial indexes (steps_gated, steps_queue), never in id order over the whole
-- table, so the sweep's cost follows what is queued, not how many steps ever finished; and only steps of full keys
-- are taken, so steps that merely wait for a slot never crowd out those to report.
WITH gated_keys AS (
    SELECT DISTINCT s.gate_key AS id
    FROM <schema>.steps s
    WHERE s.status = 'QUEUED' AND s.gate_key IS NOT NULL AND s.blocked_reason IS NULL
      AND s.available_at <= coalesce(:now::timestamptz, now()) - make_interval(secs => :afterMillis / 1000.0)
), full_keys AS (
    SELECT * FROM (
        SELECT k.id, k.kind, k.rule, k.key, k.max_units, k.period_ms,
               CASE WHEN k.kind = 'RATE'
                    THEN (SELECT coalesce(sum(l.units), 0) FROM <schema>.flow_rate_log l
                          WHERE l.key_id = k.id
                            AND l.at > coalesce(:now::timestamptz, now()) - make_interval(secs => k.period_ms / 1000.0))
                    ELSE k.in_flight
                         - coalesce((SELECT sum(r.units) FROM <schema>.flow_releases r WHERE r.key_id = k.id), 0)
               END AS in_flight
        FROM <schema>.flow_keys k
        JOIN gated_keys g ON g.id = k.id
        WHERE k.max_units IS NOT NULL
    ) measured
    WHERE in_flight >= max_units
), waiting AS (
    (SELECT s.id, s.run_id, s.attempt, s.label_sig, s.gate_key
     FROM <schema>.steps s
     WHERE s.status = 'QUEUED' AND s.gate_key IN (SELECT id FROM full_keys) AND s.blocked_reason IS NULL
       AND s.available_at <= coalesce(:now::timestamptz, now()) - make_interval(secs => :afterMillis / 1000.0)
     LIMIT :limit)
    UNION ALL
    (SELECT s.id, s.run_id, s.attempt, s.label_sig, s.gate_key
     FROM <schema>.steps s
     WHERE s.status = 'QUEUED' AND s.gate_key IS NULL AND s.label_sig IS NOT NULL AND s.blocked_reason IS NULL
       AND s.available_at <= coalesce(:now::timestamptz, now()) - make_interval(secs => :afterMillis / 1000.0)
     LIMIT :limit)
)
SELECT w.id, w.run_id, w.attempt, w.label_sig, k.kind, k.rule, k.key, k.max_units, k.period_ms, k.in_flight
FROM waiting w
LEFT JOIN full_keys k ON k.id = w.gate_key
ORDER BY w.id
LIMIT :limit
