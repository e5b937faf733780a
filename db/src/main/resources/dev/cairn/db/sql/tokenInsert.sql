INSERT INTO <schema>.tokens (id, name, role, secret_hash, expires_at, worker_id, created_at)
VALUES (:id, :name, :role, :secretHash, :expiresAt, :workerId, coalesce(:now::timestamptz, now()))
RETURNING id, name, role, secret_hash, created_at, expires_at, revoked_at, worker_id
