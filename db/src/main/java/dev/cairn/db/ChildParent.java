package dev.cairn.db;

import java.util.UUID;

/** The parent of child runs being inserted: its run, and the step attempt that starts them (the fence). */
public record ChildParent(UUID runId, long stepId, int attempt) {}
