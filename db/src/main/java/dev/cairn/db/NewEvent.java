package dev.cairn.db;

import java.util.UUID;

/** One of the first events of a new run, already numbered; {@code stepName} may be null. */
public record NewEvent(UUID runId, long seq, String type, String stepName) {}
