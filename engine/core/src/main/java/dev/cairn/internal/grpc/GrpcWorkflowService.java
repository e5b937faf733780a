package dev.cairn.internal.grpc;

import dev.cairn.CairnException;
import dev.cairn.Workflows;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.ListPausedWorkflowsRequest;
import dev.cairn.proto.v1.ListPausedWorkflowsResponse;
import dev.cairn.proto.v1.PauseWorkflowRequest;
import dev.cairn.proto.v1.PauseWorkflowResponse;
import dev.cairn.proto.v1.PausedWorkflow;
import dev.cairn.proto.v1.ResumeWorkflowRequest;
import dev.cairn.proto.v1.ResumeWorkflowResponse;
import dev.cairn.proto.v1.WorkflowServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Instant;

/** Pausing and resuming workflows over gRPC: the engine's {@link Workflows}, mapped. Thread-safe. */
final class GrpcWorkflowService extends WorkflowServiceGrpc.WorkflowServiceImplBase {
  private final Workflows workflows;

  GrpcWorkflowService(Workflows workflows) {
    this.workflows = workflows;
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
}
