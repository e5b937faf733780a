package dev.cairn.db;

import java.time.Instant;
import java.util.UUID;

/** A run as stored. JSON columns are text. */
public record RunRow(
    UUID id,
    String workflowName,
    String status,
    String inputJson,
    String metadataJson,
    String idempotencyKey,
    int priority,
    String error,
    long lastEventSeq,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    UUID parentRunId,
    Instant startAt) {}
