SELECT id, name, role, secret_hash, created_at, expires_at, revoked_at, worker_id
FROM <schema>.tokens
ORDER BY created_at, id
