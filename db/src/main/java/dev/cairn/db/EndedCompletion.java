package dev.cairn.db;

import java.util.List;
import java.util.UUID;

/**
 * What {@link StoreTx#runLockCompleteAndEndAll} did: the runs it locked, what the completion changed, and the runs
 * that succeeded with it.
 */
public record EndedCompletion(List<LockedRun> locked, CompletedSteps completed, List<UUID> ended) {}
