-- Commits checkpoints. Fenced: only the current attempt of a RUNNING step may complete it; a result from a
-- superseded attempt matches no row and changes nothing.
UPDATE <schema>.steps s
SET status = 'SUCCEEDED', output = x.output::jsonb, error = NULL, finished_at = now(), lease_expires_at = NULL
FROM unnest(:ids::bigint[], :attempts::int[], :outputs::text[]) AS x(id, attempt, output)
WHERE s.id = x.id AND s.attempt = x.attempt AND s.status = 'RUNNING'
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
