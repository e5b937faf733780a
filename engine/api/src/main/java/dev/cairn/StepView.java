package dev.cairn;

import java.time.Instant;

/**
 * A step of a run as stored. Immutable.
 *
 * @param attempts leases taken so far (each attempt, including those whose worker went silent)
 * @param failures attempts that failed in user code
 * @param workerId the worker that holds or last held the step, or null
 * @param outputJson the checkpointed output as JSON, or null
 * @param error the last failure, or null
 * @param blockedReason why a queued step waits although it could run (a concurrency or rate limit, a worker label
 *     no connected worker has), or null
 */
public record StepView(
    String name,
    StepStatus status,
    int attempts,
    int failures,
    String workerId,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    String outputJson,
    String error,
    String blockedReason) {}
