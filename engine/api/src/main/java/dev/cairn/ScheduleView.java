package dev.cairn;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A schedule as stored when it was read.
 *
 * @param timeZone the IANA zone id the expression is read in
 * @param inputJson the input its runs start with, as JSON text, or null
 * @param declared true when declared by {@code @Workflow(cron = ...)}: the code owns it; it can be paused and
 *     resumed, not changed or deleted
 * @param nextDueAt the next tick not yet handled (while paused: the one due when it was paused)
 * @param lastTickAt the last tick handled (whether it started a run or was skipped), or null
 * @param lastRunId the run the last tick that started one started, or null
 * @param skippedTicks ticks that started no run (missed, or skipped because the previous run was unfinished)
 */
public record ScheduleView(
    String name,
    String workflowName,
    String cron,
    String timeZone,
    String inputJson,
    Map<String, String> metadata,
    int priority,
    ScheduleSpec.MissedTicks missedTicks,
    ScheduleSpec.Overlap overlap,
    boolean paused,
    boolean declared,
    Instant nextDueAt,
    Instant lastTickAt,
    UUID lastRunId,
    long skippedTicks,
    Instant createdAt,
    Instant updatedAt) {

  public ScheduleView {
    metadata = Map.copyOf(metadata);
  }
}
