package dev.cairn.db;

import java.util.UUID;

/** A step row as a state-changing statement left it. */
public record StepChange(long id, UUID runId, String stepName, String status, int attempt) {}
