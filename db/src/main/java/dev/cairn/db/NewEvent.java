package dev.cairn.db;

import java.util.UUID;

/** An event to append to a run's log, already numbered. {@code stepName}, {@code attempt}, {@code payloadJson} may be null. */
public record NewEvent(UUID runId, long seq, String type, String stepName, Integer attempt, String payloadJson) {}
