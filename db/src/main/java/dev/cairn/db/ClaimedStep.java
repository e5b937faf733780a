package dev.cairn.db;

import java.time.Instant;
import java.util.UUID;

/**
 * A step just leased by {@link Store#stepDequeueAndLease}, with everything needed to run it.
 *
 * @param attempt the fence number of this lease
 * @param failures attempts that failed before this one
 * @param parentOutputsJson a JSON object from parent step name to its output, or null without parents
 * @param traceParent the W3C traceparent of the run's span, or null when the run is not traced
 */
public record ClaimedStep(
    long id,
    UUID runId,
    String workflowName,
    String stepName,
    int attempt,
    int failures,
    Instant queuedAt,
    Instant startedAt,
    String inputJson,
    String metadataJson,
    String parentOutputsJson,
    String traceParent) {}
