INSERT INTO <schema>.tokens (id, name, role, secret_hash, expires_at)
VALUES (:id, :name, :role, :secretHash, :expiresAt)
RETURNING id, name, role, secret_hash, created_at, expires_at, revoked_at
