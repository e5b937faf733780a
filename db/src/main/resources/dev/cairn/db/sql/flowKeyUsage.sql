-- What each flow key holds and uses now, for the dashboard: concurrency holders (the counted in_flight less the
-- releases not yet folded in), rate units started within the key's period, and queued steps gated on the key.
-- Read only: releases stay in the ledger and old rate log rows are left to admission to forget.
SELECT k.kind, k.rule, k.key, k.max_units, k.period_ms,
       k.in_flight - coalesce((SELECT sum(r.units) FROM <schema>.flow_releases r WHERE r.key_id = k.id), 0) AS held,
       coalesce((SELECT sum(l.units) FROM <schema>.flow_rate_log l
                 WHERE l.key_id = k.id AND k.period_ms IS NOT NULL
                   AND l.at > now() - make_interval(secs => k.period_ms / 1000.0)), 0) AS used,
       (SELECT count(*) FROM <schema>.steps s WHERE s.gate_key = k.id AND s.status = 'QUEUED') AS queued
FROM <schema>.flow_keys k
ORDER BY k.kind, k.rule, k.key
LIMIT :limit
