package dev.cairn;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A run as listed by {@link Cairn#listRuns}: without its steps.
 *
 * @param parentRunId the parent's run id for a child run, else null
 * @param error null unless FAILED or CANCELLED
 * @param startAt when a delayed run becomes due, else null (see {@link RunView#startAt()})
 */
public record RunSummary(UUID id, String workflowName, RunStatus status, Map<String, String> metadata, String error,
    Instant createdAt, Instant startedAt, Instant finishedAt, UUID parentRunId, Instant startAt) {}
