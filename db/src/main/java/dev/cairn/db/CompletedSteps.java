package dev.cairn.db;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What {@link StoreTx#stepCompleteAll} changed: the steps whose checkpoint was taken, the children whose count of
 * pending parents went down (QUEUED when none is left), and the runs whose every step has now succeeded or been
 * skipped (as the statement found them, before any later statement of the transaction).
 */
public record CompletedSteps(List<StepChange> done, List<StepChange> children, Set<UUID> settledRuns) {}
