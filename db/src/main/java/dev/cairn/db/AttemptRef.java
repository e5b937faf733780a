package dev.cairn.db;

import java.util.UUID;

/** One attempt of one step: the step id and the fence number of its lease. */
public record AttemptRef(long id, UUID runId, int attempt) {}
