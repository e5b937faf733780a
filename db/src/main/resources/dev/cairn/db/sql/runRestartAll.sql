-- Reopens failed or cancelled runs for a replay, with the definition fingerprints they are replayed with.
UPDATE <schema>.runs r
SET status = 'RUNNING', error = NULL, finished_at = NULL, definition_fingerprint = x.fingerprint
FROM unnest(:ids::uuid[], :fingerprints::text[]) AS x(id, fingerprint)
WHERE r.id = x.id AND r.status IN ('FAILED', 'CANCELLED')
RETURNING r.id
