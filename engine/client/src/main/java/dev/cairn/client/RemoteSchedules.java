package dev.cairn.client;

import dev.cairn.ScheduleSpec;
import dev.cairn.ScheduleView;
import dev.cairn.Schedules;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.internal.wire.ScheduleWire;
import dev.cairn.proto.v1.BackfillScheduleRequest;
import dev.cairn.proto.v1.CreateScheduleRequest;
import dev.cairn.proto.v1.DeleteScheduleRequest;
import dev.cairn.proto.v1.GetScheduleRequest;
import dev.cairn.proto.v1.ListSchedulesRequest;
import dev.cairn.proto.v1.PauseScheduleRequest;
import dev.cairn.proto.v1.ResumeScheduleRequest;
import dev.cairn.proto.v1.ScheduleServiceGrpc;
import dev.cairn.proto.v1.TriggerScheduleRequest;
import dev.cairn.proto.v1.UpdateScheduleRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The engine's schedules through its ScheduleService. Thread-safe. */
final class RemoteSchedules implements Schedules {
  private final ScheduleServiceGrpc.ScheduleServiceBlockingStub stub;
  private final PayloadCodec codec;

  RemoteSchedules(ScheduleServiceGrpc.ScheduleServiceBlockingStub stub, PayloadCodec codec) {
    this.stub = stub;
    this.codec = codec;
  }

  @Override
  public ScheduleView create(ScheduleSpec spec) {
    return ScheduleWire.view(CairnClient.call(() -> stub.createSchedule(CreateScheduleRequest.newBuilder()
        .setSpec(ScheduleWire.spec(spec, codec::encode)).build())));
  }

  @Override
  public ScheduleView update(ScheduleSpec spec) {
    return ScheduleWire.view(CairnClient.call(() -> stub.updateSchedule(UpdateScheduleRequest.newBuilder()
        .setSpec(ScheduleWire.spec(spec, codec::encode)).build())));
  }

  @Override
  public ScheduleView get(String name) {
    return ScheduleWire.view(CairnClient.call(() -> stub.getSchedule(GetScheduleRequest.newBuilder().setName(name)
        .build())));
  }

  @Override
  public List<ScheduleView> list() {
    return CairnClient.call(() -> stub.listSchedules(ListSchedulesRequest.getDefaultInstance())).getSchedulesList()
        .stream().map(ScheduleWire::view).toList();
  }

  @Override
  public ScheduleView pause(String name) {
    return ScheduleWire.view(CairnClient.call(() -> stub.pauseSchedule(PauseScheduleRequest.newBuilder()
        .setName(name).build())));
  }

  @Override
  public ScheduleView resume(String name) {
    return ScheduleWire.view(CairnClient.call(() -> stub.resumeSchedule(ResumeScheduleRequest.newBuilder()
        .setName(name).build())));
  }

  @Override
  public void delete(String name) {
    CairnClient.call(() -> stub.deleteSchedule(DeleteScheduleRequest.newBuilder().setName(name).build()));
  }

  @Override
  public UUID triggerNow(String name) {
    return UUID.fromString(CairnClient.call(() -> stub.triggerSchedule(TriggerScheduleRequest.newBuilder()
        .setName(name).build())).getRunId());
  }

  @Override
  public List<UUID> backfill(String name, Instant from, Instant to) {
    return CairnClient.call(() -> stub.backfillSchedule(BackfillScheduleRequest.newBuilder().setName(name)
        .setFrom(ProtoMapping.timestamp(from)).setTo(ProtoMapping.timestamp(to)).build())).getRunIdsList().stream()
        .map(UUID::fromString).toList();
  }
}
