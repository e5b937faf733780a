package dev.cairn.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run to insert. {@code eventCount} is the number of events the caller writes with it (numbered 1..count).
 *
 * @param inputJson the input as JSON text, or null
 * @param metadataJson string key/values as a JSON object
 * @param idempotencyKey null for none
 * @param childKey the key among its parent step's children, or null for a run that is no child
 * @param flowKeys ids of the run-level concurrency keys it must hold to start, or null for none
 * @param sticky "SOFT" or "HARD" for a sticky workflow, else null
 * @param startAt when a delayed run becomes due, else null (due at once)
 * @param deadlineAt when the run is cancelled if it is not final by then, else null
 * @param traceParent the W3C traceparent of the run's span, or null when it is not traced
 */
public record NewRun(
    UUID id,
    String workflowName,
    String inputJson,
    String metadataJson,
    String idempotencyKey,
    int priority,
    long eventCount,
    String childKey,
    String fingerprint,
    List<Long> flowKeys,
    String sticky,
    Instant startAt,
    Instant deadlineAt,
    String traceParent) {}
