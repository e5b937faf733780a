UPDATE <schema>.tokens
SET revoked_at = coalesce(revoked_at, coalesce(:now::timestamptz, now()))
WHERE id = :id
RETURNING id
