package dev.cairn.db;

import java.time.Instant;
import java.util.UUID;

/** An event of a run's log. */
public record EventRow(
    UUID runId, long seq, String type, String stepName, Integer attempt, String payloadJson, Instant createdAt) {}
