package dev.cairn.internal.wire;

import dev.cairn.ScheduleSpec;
import dev.cairn.ScheduleView;
import dev.cairn.proto.v1.MissedTicks;
import dev.cairn.proto.v1.Schedule;
import dev.cairn.proto.v1.ScheduleOverlap;
import java.util.UUID;
import java.util.function.Function;

/** Schedules on the wire: the mapping between {@code cairn.v1} schedule messages and the API's types. Stateless. */
public final class ScheduleWire {
  private ScheduleWire() {}

  /**
   * A spec from a caller; {@code input} turns the input JSON text (never empty) into what the spec carries.
   *
   * @throws IllegalArgumentException naming the field that was wrong ({@code spec.cron}, ...)
   */
  public static ScheduleSpec spec(dev.cairn.proto.v1.ScheduleSpec spec, Function<String, Object> input) {
    try {
      ScheduleSpec.Builder builder = ScheduleSpec.builder(spec.getName(), spec.getWorkflowName())
          .cron(spec.getCron())
          .metadata(spec.getMetadataMap())
          .priority(spec.getPriority())
          .missedTicks(missedTicks(spec.getMissedTicks(), spec.getMissedTicksValue()))
          .overlap(overlap(spec.getOverlap(), spec.getOverlapValue()));
      if (!spec.getTimeZone().isEmpty()) {
        builder.timeZone(spec.getTimeZone());
      }
      if (!spec.getInputJson().isEmpty()) {
        builder.input(input.apply(spec.getInputJson()));
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("spec." + e.getMessage(), e);
    }
  }

  /** A spec to send; {@code encode} writes the input as JSON. */
  public static dev.cairn.proto.v1.ScheduleSpec spec(ScheduleSpec spec, Function<Object, String> encode) {
    return dev.cairn.proto.v1.ScheduleSpec.newBuilder()
        .setName(spec.name())
        .setWorkflowName(spec.workflowName())
        .setCron(spec.cron())
        .setTimeZone(spec.timeZone().getId())
        .setInputJson(spec.input() == null ? "" : encode.apply(spec.input()))
        .putAllMetadata(spec.metadata())
        .setPriority(spec.priority())
        .setMissedTicks(missedTicks(spec.missedTicks()))
        .setOverlap(overlap(spec.overlap()))
        .build();
  }

  public static Schedule schedule(ScheduleView view) {
    Schedule.Builder schedule = Schedule.newBuilder()
        .setSpec(dev.cairn.proto.v1.ScheduleSpec.newBuilder()
            .setName(view.name())
            .setWorkflowName(view.workflowName())
            .setCron(view.cron())
            .setTimeZone(view.timeZone())
            .setInputJson(view.inputJson() == null ? "" : view.inputJson())
            .putAllMetadata(view.metadata())
            .setPriority(view.priority())
            .setMissedTicks(missedTicks(view.missedTicks()))
            .setOverlap(overlap(view.overlap())))
        .setPaused(view.paused())
        .setDeclared(view.declared())
        .setNextDueAt(ProtoMapping.timestamp(view.nextDueAt()))
        .setLastRunId(view.lastRunId() == null ? "" : view.lastRunId().toString())
        .setSkippedTicks(view.skippedTicks())
        .setCreatedAt(ProtoMapping.timestamp(view.createdAt()))
        .setUpdatedAt(ProtoMapping.timestamp(view.updatedAt()));
    if (view.lastTickAt() != null) {
      schedule.setLastTickAt(ProtoMapping.timestamp(view.lastTickAt()));
    }
    return schedule.build();
  }

  public static ScheduleView view(Schedule schedule) {
    dev.cairn.proto.v1.ScheduleSpec spec = schedule.getSpec();
    return new ScheduleView(spec.getName(), spec.getWorkflowName(), spec.getCron(), spec.getTimeZone(),
        spec.getInputJson().isEmpty() ? null : spec.getInputJson(), spec.getMetadataMap(), spec.getPriority(),
        missedTicks(spec.getMissedTicks(), spec.getMissedTicksValue()),
        overlap(spec.getOverlap(), spec.getOverlapValue()), schedule.getPaused(), schedule.getDeclared(),
        ProtoMapping.instant(schedule.getNextDueAt()),
        schedule.hasLastTickAt() ? ProtoMapping.instant(schedule.getLastTickAt()) : null,
        schedule.getLastRunId().isEmpty() ? null : UUID.fromString(schedule.getLastRunId()),
        schedule.getSkippedTicks(), ProtoMapping.instant(schedule.getCreatedAt()),
        ProtoMapping.instant(schedule.getUpdatedAt()));
  }

  static MissedTicks missedTicks(ScheduleSpec.MissedTicks policy) {
    return MissedTicks.valueOf("MISSED_TICKS_" + policy.name());
  }

  static ScheduleOverlap overlap(ScheduleSpec.Overlap policy) {
    return ScheduleOverlap.valueOf("SCHEDULE_OVERLAP_" + policy.name());
  }

  /** @throws IllegalArgumentException naming missed_ticks for an unknown number */
  static ScheduleSpec.MissedTicks missedTicks(MissedTicks value, int number) {
    return switch (value) {
      case MISSED_TICKS_UNSPECIFIED, MISSED_TICKS_LATEST -> ScheduleSpec.MissedTicks.LATEST;
      case MISSED_TICKS_SKIP -> ScheduleSpec.MissedTicks.SKIP;
      case MISSED_TICKS_ALL -> ScheduleSpec.MissedTicks.ALL;
      case UNRECOGNIZED -> throw new IllegalArgumentException("missed_ticks is the unknown number " + number
          + "; use MISSED_TICKS_SKIP, MISSED_TICKS_LATEST or MISSED_TICKS_ALL");
    };
  }

  /** @throws IllegalArgumentException naming overlap for an unknown number */
  static ScheduleSpec.Overlap overlap(ScheduleOverlap value, int number) {
    return switch (value) {
      case SCHEDULE_OVERLAP_UNSPECIFIED, SCHEDULE_OVERLAP_ALLOW -> ScheduleSpec.Overlap.ALLOW;
      case SCHEDULE_OVERLAP_SKIP -> ScheduleSpec.Overlap.SKIP;
      case SCHEDULE_OVERLAP_CANCEL_PREVIOUS -> ScheduleSpec.Overlap.CANCEL_PREVIOUS;
      case UNRECOGNIZED -> throw new IllegalArgumentException("overlap is the unknown number " + number
          + "; use SCHEDULE_OVERLAP_ALLOW, SCHEDULE_OVERLAP_SKIP or SCHEDULE_OVERLAP_CANCEL_PREVIOUS");
    };
  }
}
