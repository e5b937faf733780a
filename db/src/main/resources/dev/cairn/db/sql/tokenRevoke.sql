UPDATE <schema>.tokens
SET revoked_at = coalesce(revoked_at, now())
WHERE id = :id
RETURNING id
