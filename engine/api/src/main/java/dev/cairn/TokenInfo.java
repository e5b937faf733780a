package dev.cairn;

import java.time.Instant;

/**
 * A bearer token as stored: never its secret.
 *
 * @param expiresAt null if it never expires
 * @param revokedAt null unless revoked
 * @param workerId for a worker token scoped to one worker, the only worker id it may register as; null otherwise
 */
public record TokenInfo(String id, String name, Role role, Instant createdAt, Instant expiresAt, Instant revokedAt,
    String workerId) {}
