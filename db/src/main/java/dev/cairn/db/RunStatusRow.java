package dev.cairn.db;

import java.util.UUID;

/** A run's id, status and workflow. */
public record RunStatusRow(UUID id, String status, String workflowName) {}
