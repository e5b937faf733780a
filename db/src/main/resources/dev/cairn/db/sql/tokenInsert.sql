INSERT INTO <schema>.tokens (id, name, role, secret_hash, expires_at, worker_id)
VALUES (:id, :name, :role, :secretHash, :expiresAt, :workerId)
RETURNING id, name, role, secret_hash, created_at, expires_at, revoked_at, worker_id
