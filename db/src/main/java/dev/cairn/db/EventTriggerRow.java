package dev.cairn.db;

import java.time.Instant;

/** An event trigger as stored; {@code filter} is null for none. */
public record EventTriggerRow(String name, String eventKey, String workflowName, String filter, boolean declared,
    Instant createdAt) {}
