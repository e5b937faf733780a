package dev.cairn;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a run's event log: a lifecycle event ({@code RUN_*}, {@code STEP_*}) or a step's own progress
 * event ({@link StepContext#emit}). Sequence numbers start at 1 and have no gaps within a run.
 *
 * @param stepName null for run-level events
 * @param attempt the step attempt, or null
 * @param payloadJson JSON, or null
 */
public record RunEvent(
    UUID runId, long seq, String type, String stepName, Integer attempt, String payloadJson, Instant createdAt) {}
