package dev.cairn.db;

import java.util.List;

/** What {@link StoreTx#runLockAllAndCompleteSteps} found: the runs it locked, and what the completion changed. */
public record LockedCompletion(List<LockedRun> locked, CompletedSteps completed) {}
