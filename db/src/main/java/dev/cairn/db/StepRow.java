package dev.cairn.db;

import java.time.Instant;
import java.util.UUID;

/** A step as stored. */
public record StepRow(
    long id,
    UUID runId,
    String stepName,
    String status,
    boolean onFailure,
    int attempt,
    int failures,
    int leaseExpiries,
    String workerId,
    String leaseHolder,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    String outputJson,
    String error,
    String blockedReason) {}
