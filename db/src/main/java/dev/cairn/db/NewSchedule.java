package dev.cairn.db;

import java.time.Instant;

/** What a schedule does, to create or replace it; see {@link ScheduleRow} for the fields. */
public record NewSchedule(
    String name,
    String workflowName,
    String cron,
    String timeZone,
    String inputJson,
    String metadataJson,
    int priority,
    String missedTicks,
    String overlap,
    boolean declared,
    Instant nextDueAt) {}
