package dev.cairn.db;

import java.util.UUID;

/** A run locked for the rest of a transaction. */
public record LockedRun(UUID id, String workflowName, String status) {}
