-- Events of several runs, each after its own cursor, in (run, seq) order; at most :limit in all.
SELECT e.run_id, e.seq, e.type, e.step_name, e.attempt, e.payload::text AS payload, e.created_at
FROM unnest(:runIds::uuid[], :afterSeqs::bigint[]) AS c(run_id, after_seq)
JOIN <schema>.events e ON e.run_id = c.run_id AND e.seq > c.after_seq
ORDER BY e.run_id, e.seq
LIMIT :limit
