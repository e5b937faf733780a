package dev.cairn.internal.wire;

import dev.cairn.ScheduleSpec;
import dev.cairn.Workflows;
import dev.cairn.internal.definition.Lifecycle;
import dev.cairn.proto.v1.DeclaredLifecycle;
import java.time.Duration;

/** A workflow's declared lifecycle on the wire ({@code WorkflowDefinition.lifecycle}). Stateless. */
final class LifecycleWire {
  private LifecycleWire() {}

  static DeclaredLifecycle toProto(Lifecycle lifecycle) {
    DeclaredLifecycle.Builder proto = DeclaredLifecycle.newBuilder().addAllOnEvents(lifecycle.onEvents())
        .setEventFilter(lifecycle.eventFilter() == null ? "" : lifecycle.eventFilter());
    if (lifecycle.cron() != null) {
      proto.setCron(lifecycle.cron()).setTimeZone(lifecycle.timeZone())
          .setMissedTicks(ScheduleWire.missedTicks(lifecycle.missedTicks()))
          .setOverlap(ScheduleWire.overlap(lifecycle.overlap()));
    }
    if (Workflows.KEEP_FOREVER.equals(lifecycle.retention())) {
      proto.setKeepForever(true);
    } else if (lifecycle.retention() != null) {
      proto.setRetentionMs(lifecycle.retention().toMillis());
    }
    return proto.build();
  }

  /** @throws IllegalArgumentException naming the field under {@code where} ({@code lifecycle.cron}, ...) */
  static Lifecycle fromProto(String where, DeclaredLifecycle proto) {
    String at = where + "lifecycle.";
    Duration retention = RetentionWire.period(at + "retention_ms", proto.getRetentionMs(), proto.getKeepForever());
    ScheduleSpec.MissedTicks missedTicks;
    ScheduleSpec.Overlap overlap;
    try {
      missedTicks = ScheduleWire.missedTicks(proto.getMissedTicks(), proto.getMissedTicksValue());
      overlap = ScheduleWire.overlap(proto.getOverlap(), proto.getOverlapValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + e.getMessage(), e);
    }
    try {
      return new Lifecycle(proto.getCron().isEmpty() ? null : proto.getCron(),
          proto.getTimeZone().isEmpty() ? "UTC" : proto.getTimeZone(), missedTicks, overlap,
          proto.getOnEventsList(), proto.getEventFilter().isEmpty() ? null : proto.getEventFilter(), retention);
    } catch (IllegalArgumentException e) {
      // The record names its fields as the annotation does; the message names them as this message does.
      String message = e.getMessage().replaceFirst("^timeZone", "time_zone").replaceFirst("^onEvents", "on_events")
          .replaceFirst("^eventFilter", "event_filter");
      throw new IllegalArgumentException(at + message, e);
    }
  }
}
