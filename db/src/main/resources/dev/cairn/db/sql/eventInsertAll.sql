INSERT INTO <schema>.events (run_id, seq, type, step_name, attempt, payload)
SELECT e.run_id, e.seq, e.type, e.step_name, e.attempt, e.payload::jsonb
FROM unnest(:runIds::uuid[], :seqs::bigint[], :types::text[], :stepNames::text[], :attempts::int[], :payloads::text[])
     AS e(run_id, seq, type, step_name, attempt, payload)
