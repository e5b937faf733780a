package dev.cairn.db;

import java.util.List;

/**
 * What {@link StoreTx#stepCompleteAll} changed: the steps whose checkpoint was taken, and the children whose
 * count of pending parents went down (QUEUED when none is left).
 */
public record CompletedSteps(List<StepChange> done, List<StepChange> children) {}
