package dev.cairn.internal.grpc;

import dev.cairn.NotFoundException;
import dev.cairn.ScheduleView;
import dev.cairn.Schedules;
import dev.cairn.internal.codec.RawJson;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.internal.wire.ScheduleWire;
import dev.cairn.proto.v1.BackfillScheduleRequest;
import dev.cairn.proto.v1.BackfillScheduleResponse;
import dev.cairn.proto.v1.CreateScheduleRequest;
import dev.cairn.proto.v1.DeleteScheduleRequest;
import dev.cairn.proto.v1.DeleteScheduleResponse;
import dev.cairn.proto.v1.GetScheduleRequest;
import dev.cairn.proto.v1.ListSchedulesRequest;
import dev.cairn.proto.v1.ListSchedulesResponse;
import dev.cairn.proto.v1.PauseScheduleRequest;
import dev.cairn.proto.v1.ResumeScheduleRequest;
import dev.cairn.proto.v1.Schedule;
import dev.cairn.proto.v1.ScheduleServiceGrpc;
import dev.cairn.proto.v1.TriggerScheduleRequest;
import dev.cairn.proto.v1.TriggerScheduleResponse;
import dev.cairn.proto.v1.UpdateScheduleRequest;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/** Cron schedules over gRPC: the {@link Schedules} of the engine, mapped. Thread-safe. */
final class GrpcScheduleService extends ScheduleServiceGrpc.ScheduleServiceImplBase {
  private final Schedules schedules;

  GrpcScheduleService(Schedules schedules) {
    this.schedules = schedules;
  }

  @Override
  public void createSchedule(CreateScheduleRequest request, StreamObserver<Schedule> response) {
    Unary.answer(response, () -> ScheduleWire.schedule(inSpec(() -> schedules.create(spec(request.getSpec())))));
  }

  @Override
  public void updateSchedule(UpdateScheduleRequest request, StreamObserver<Schedule> response) {
    Unary.answer(response, () -> ScheduleWire.schedule(inSpec(() -> schedules.update(spec(request.getSpec())))));
  }

  @Override
  public void getSchedule(GetScheduleRequest request, StreamObserver<Schedule> response) {
    Unary.answer(response, () -> ScheduleWire.schedule(schedules.get(request.getName())));
  }

  @Override
  public void listSchedules(ListSchedulesRequest request, StreamObserver<ListSchedulesResponse> response) {
    Unary.answer(response, () -> {
      ListSchedulesResponse.Builder list = ListSchedulesResponse.newBuilder();
      schedules.list().forEach(view -> list.addSchedules(ScheduleWire.schedule(view)));
      return list.build();
    });
  }

  @Override
  public void pauseSchedule(PauseScheduleRequest request, StreamObserver<Schedule> response) {
    Unary.answer(response, () -> ScheduleWire.schedule(schedules.pause(request.getName())));
  }

  @Override
  public void resumeSchedule(ResumeScheduleRequest request, StreamObserver<Schedule> response) {
    Unary.answer(response, () -> ScheduleWire.schedule(schedules.resume(request.getName())));
  }

  @Override
  public void deleteSchedule(DeleteScheduleRequest request, StreamObserver<DeleteScheduleResponse> response) {
    Unary.answer(response, () -> {
      schedules.delete(request.getName());
      return DeleteScheduleResponse.getDefaultInstance();
    });
  }

  @Override
  public void triggerSchedule(TriggerScheduleRequest request, StreamObserver<TriggerScheduleResponse> response) {
    Unary.answer(response, () -> TriggerScheduleResponse.newBuilder()
        .setRunId(schedules.triggerNow(request.getName()).toString()).build());
  }

  @Override
  public void backfillSchedule(BackfillScheduleRequest request, StreamObserver<BackfillScheduleResponse> response) {
    Unary.answer(response, () -> {
      if (!request.hasFrom() || !request.hasTo()) {
        throw new IllegalArgumentException((request.hasFrom() ? "to" : "from") + " is required");
      }
      Instant from = ProtoMapping.instant("from", request.getFrom());
      Instant to = ProtoMapping.instant("to", request.getTo());
      BackfillScheduleResponse.Builder runs = BackfillScheduleResponse.newBuilder();
      for (UUID run : schedules.backfill(request.getName(), from, to)) {
        runs.addRunIds(run.toString());
      }
      return runs.build();
    });
  }

  /**
   * A create or update. The engine names what it refuses after the mapping as the embedded API calls it (the
   * expression "cron ...", a name in use, an unknown name); over gRPC those are fields of spec, so the description
   * says spec.cron, spec.name.
   */
  private static ScheduleView inSpec(Supplier<ScheduleView> call) {
    try {
      return call.get();
    } catch (NotFoundException e) {
      throw new NotFoundException("spec.name: " + e.getMessage());
    } catch (IllegalStateException e) {
      throw new IllegalStateException("spec.name: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      throw message.startsWith("spec.") ? e : new IllegalArgumentException("spec." + message, e);
    }
  }

  private static dev.cairn.ScheduleSpec spec(dev.cairn.proto.v1.ScheduleSpec spec) {
    return ScheduleWire.spec(spec, json -> new RawJson("spec.input_json", json));
  }
}
