SELECT run_id, seq, type, step_name, attempt, payload::text AS payload, created_at
FROM <schema>.events
WHERE run_id = :runId AND seq > :afterSeq
ORDER BY seq
LIMIT :limit
