package dev.cairn.db;

import java.time.Instant;
import java.util.UUID;

/**
 * A schedule as stored. JSON columns are text; {@code missedTicks} and {@code overlap} are the names of the policies.
 *
 * @param inputJson the input its runs start with, or null
 * @param lastTickAt the last tick handled (run or skipped), or null
 * @param lastRunId the run its last run tick started, or null
 */
public record ScheduleRow(
    String name,
    String workflowName,
    String cron,
    String timeZone,
    String inputJson,
    String metadataJson,
    int priority,
    String missedTicks,
    String overlap,
    boolean paused,
    boolean declared,
    Instant nextDueAt,
    Instant lastTickAt,
    UUID lastRunId,
    long skippedTicks,
    Instant createdAt,
    Instant updatedAt) {}
