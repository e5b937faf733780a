package dev.cairn.db;

import java.time.Instant;

/**
 * A stored token: never its secret, only the secret's SHA-256. Nullable: expiresAt, revokedAt, workerId (the one
 * worker id a scoped worker token may register as).
 */
public record TokenRow(String id, String name, String role, byte[] secretHash, Instant createdAt, Instant expiresAt,
    Instant revokedAt, String workerId) {}
