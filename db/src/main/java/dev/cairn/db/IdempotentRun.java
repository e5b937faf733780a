package dev.cairn.db;

import java.util.UUID;

/** An existing run found by its workflow and idempotency key. */
public record IdempotentRun(UUID id, String workflowName, String idempotencyKey) {}
