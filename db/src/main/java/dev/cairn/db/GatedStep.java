package dev.cairn.db;

import java.util.List;
import java.util.UUID;

/**
 * A queued step waiting behind a key, locked for admission.
 *
 * @param stepKeys its own keys (step-level concurrency and rate limits) and {@code stepUnits} the units of each
 * @param runKeys its run's keys (run-level concurrency), needed unless {@code runHolds}
 */
public record GatedStep(long id, UUID runId, long gateKey, int priority, List<Long> stepKeys, List<Long> stepUnits,
    List<Long> runKeys, boolean runHolds) {}
