-- Bearer tokens for the gRPC API. The secret is stored only as its SHA-256; a token holds no address.
CREATE TABLE tokens (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('WORKER', 'CLIENT', 'ADMIN')),
    secret_hash bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz,
    revoked_at  timestamptz
);
