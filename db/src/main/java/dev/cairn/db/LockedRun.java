package dev.cairn.db;

import java.util.UUID;

/** A run locked for the rest of a transaction; the parent fields are null unless it is a child run. */
public record LockedRun(UUID id, String workflowName, String status, UUID parentRunId, Long parentStepId) {}
