package dev.cairn.internal.grpc;

import dev.cairn.CairnException;
import dev.cairn.EventTriggers;
import dev.cairn.Workflows;
import dev.cairn.internal.wire.EventWire;
import dev.cairn.internal.wire.RetentionWire;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.CreateEventTriggerRequest;
import dev.cairn.proto.v1.DeleteEventTriggerRequest;
import dev.cairn.proto.v1.DeleteEventTriggerResponse;
import dev.cairn.proto.v1.ClearRetentionRequest;
import dev.cairn.proto.v1.ClearRetentionResponse;
import dev.cairn.proto.v1.ListEventTriggersRequest;
import dev.cairn.proto.v1.ListEventTriggersResponse;
import dev.cairn.proto.v1.ListPausedWorkflowsRequest;
import dev.cairn.proto.v1.ListPausedWorkflowsResponse;
import dev.cairn.proto.v1.ListRetentionsRequest;
import dev.cairn.proto.v1.ListRetentionsResponse;
import dev.cairn.proto.v1.PauseWorkflowRequest;
import dev.cairn.proto.v1.PauseWorkflowResponse;
import dev.cairn.proto.v1.PausedWorkflow;
import dev.cairn.proto.v1.ResumeWorkflowRequest;
import dev.cairn.proto.v1.ResumeWorkflowResponse;
import dev.cairn.proto.v1.SetRetentionRequest;
import dev.cairn.proto.v1.SetRetentionResponse;
import dev.cairn.proto.v1.WorkflowRetention;
import dev.cairn.proto.v1.WorkflowServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;

/** Pausing and resuming workflows, their retention and their event triggers over gRPC: the engine's {@link Workflows} and
 * {@link EventTriggers}, mapped. Thread-safe. */
final class GrpcWorkflowService extends WorkflowServiceGrpc.WorkflowServiceImplBase {
  private final Workflows workflows;
  private final EventTriggers triggers;

  GrpcWorkflowService(Workflows workflows, EventTriggers triggers) {
    this.workflows = workflows;
    this.triggers = triggers;
  }

  @Override
  public void createEventTrigger(CreateEventTriggerRequest request,
      StreamObserver<dev.cairn.proto.v1.EventTrigger> response) {
    Unary.answer(response, () -> {
      try {
        return EventWire.trigger(triggers.create(request.getName(), request.getEventKey(), request.getWorkflowName(),
            ProtoMapping.emptyToNull(request.getFilter())));
      } catch (CairnException unknown) {
        throw Statuses.invalid("workflow_name: " + unknown.getMessage());
      } catch (IllegalStateException taken) {
        // The engine's message names the trigger; the caller's field is name.
        throw Statuses.precondition("name: " + taken.getMessage());
      }
    });
  }

  @Override
  public void deleteEventTrigger(DeleteEventTriggerRequest request,
      StreamObserver<DeleteEventTriggerResponse> response) {
    Unary.answer(response, () -> {
      try {
        triggers.delete(request.getName());
      } catch (IllegalStateException declared) {
        throw Statuses.precondition("name: " + declared.getMessage());
      }
      return DeleteEventTriggerResponse.getDefaultInstance();
    });
  }

  @Override
  public void listEventTriggers(ListEventTriggersRequest request, StreamObserver<ListEventTriggersResponse> response) {
    Unary.answer(response, () -> {
      ListEventTriggersResponse.Builder list = ListEventTriggersResponse.newBuilder();
      triggers.list().forEach(trigger -> list.addTriggers(EventWire.trigger(trigger)));
      return list.build();
    });
  }

  @Override
  public void pauseWorkflow(PauseWorkflowRequest request, StreamObserver<PauseWorkflowResponse> response) {
    Unary.answer(response, () -> {
      Instant since;
      try {
        since = workflows.pause(request.getWorkflowName());
      } catch (CairnException unknown) {
        // The engine's message names the workflow; the caller's field is workflow_name.
        throw Statuses.invalid("workflow_name: " + unknown.getMessage());
      }
      return PauseWorkflowResponse.newBuilder().setPausedAt(ProtoMapping.timestamp(since)).build();
    });
  }

  @Override
  public void resumeWorkflow(ResumeWorkflowRequest request, StreamObserver<ResumeWorkflowResponse> response) {
    Unary.answer(response, () -> ResumeWorkflowResponse.newBuilder()
        .setWasPaused(workflows.resume(request.getWorkflowName())).build());
  }

  @Override
  public void listPausedWorkflows(ListPausedWorkflowsRequest request,
      StreamObserver<ListPausedWorkflowsResponse> response) {
    Unary.answer(response, () -> {
      ListPausedWorkflowsResponse.Builder list = ListPausedWorkflowsResponse.newBuilder();
      workflows.paused().forEach((name, since) -> list.addWorkflows(PausedWorkflow.newBuilder().setWorkflowName(name)
          .setPausedAt(ProtoMapping.timestamp(since))));
      return list.build();
    });
  }

  @Override
  public void setRetention(SetRetentionRequest request, StreamObserver<SetRetentionResponse> response) {
    Unary.answer(response, () -> {
      Duration period = RetentionWire.period("retention_ms", request.getRetentionMs(), request.getKeepForever());
      if (period == null) {
        throw Statuses.invalid("retention_ms: give a period (" + Workflows.MIN_RETENTION.toMillis() + ".."
            + Workflows.MAX_RETENTION.toMillis() + "), or keep_forever");
      }
      try {
        workflows.setRetention(request.getWorkflowName(), period);
      } catch (IllegalStateException declared) {
        throw Statuses.precondition("workflow_name: " + declared.getMessage());
      }
      return SetRetentionResponse.getDefaultInstance();
    });
  }

  @Override
  public void clearRetention(ClearRetentionRequest request, StreamObserver<ClearRetentionResponse> response) {
    Unary.answer(response, () -> {
      try {
        return ClearRetentionResponse.newBuilder()
            .setHadRetention(workflows.clearRetention(request.getWorkflowName())).build();
      } catch (IllegalStateException declared) {
        throw Statuses.precondition("workflow_name: " + declared.getMessage());
      }
    });
  }

  @Override
  public void listRetentions(ListRetentionsRequest request, StreamObserver<ListRetentionsResponse> response) {
    Unary.answer(response, () -> {
      ListRetentionsResponse.Builder list = ListRetentionsResponse.newBuilder();
      workflows.retentions().forEach((name, period) -> {
        WorkflowRetention.Builder row = WorkflowRetention.newBuilder().setWorkflowName(name);
        if (period.equals(Workflows.KEEP_FOREVER)) {
          row.setKeepForever(true);
        } else {
          row.setRetentionMs(period.toMillis());
        }
        list.addRetentions(row);
      });
      return list.build();
    });
  }
}
