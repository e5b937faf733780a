package dev.cairn;

import java.util.UUID;

/** A child run started from a step: its run id, workflow and key. Pass it to {@link StepContext#awaitChildren}. */
public record ChildHandle(UUID runId, String workflowName, String key) {}
