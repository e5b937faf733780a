SELECT id, name, role, secret_hash, created_at, expires_at, revoked_at
FROM <schema>.tokens
ORDER BY created_at, id
