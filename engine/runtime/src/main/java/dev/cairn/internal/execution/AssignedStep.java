package dev.cairn.internal.execution;

import java.time.Instant;
import java.util.UUID;

/**
 * A step leased to run now, with everything needed to run it (claimed from the queue by the engine, or received
 * in an assignment by a worker).
 *
 * @param attempt the fence number of this lease
 * @param failures attempts that failed before this one
 * @param queuedAt null when unknown (a worker is not told)
 * @param parentOutputsJson a JSON object from parent step name to its output, or null without parents
 * @param traceParent the W3C traceparent of the run's span (the attempt's span continues its trace), or null
 */
public record AssignedStep(
    long stepId,
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
