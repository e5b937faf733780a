package dev.cairn.client;

import dev.cairn.Workflows;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.ListPausedWorkflowsRequest;
import dev.cairn.proto.v1.PauseWorkflowRequest;
import dev.cairn.proto.v1.PausedWorkflow;
import dev.cairn.proto.v1.ResumeWorkflowRequest;
import dev.cairn.proto.v1.WorkflowServiceGrpc;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The engine's workflows through its WorkflowService. Thread-safe. */
final class RemoteWorkflows implements Workflows {
  private final WorkflowServiceGrpc.WorkflowServiceBlockingStub stub;

  RemoteWorkflows(WorkflowServiceGrpc.WorkflowServiceBlockingStub stub) {
    this.stub = stub;
  }

  @Override
  public Instant pause(String workflowName) {
    return ProtoMapping.instant(CairnClient.call(() -> stub.pauseWorkflow(PauseWorkflowRequest.newBuilder()
        .setWorkflowName(workflowName).build())).getPausedAt());
  }

  @Override
  public boolean resume(String workflowName) {
    return CairnClient.call(() -> stub.resumeWorkflow(ResumeWorkflowRequest.newBuilder().setWorkflowName(workflowName)
        .build())).getWasPaused();
  }

  @Override
  public Map<String, Instant> paused() {
    Map<String, Instant> paused = new LinkedHashMap<>();
    for (PausedWorkflow workflow : CairnClient.call(() -> stub.listPausedWorkflows(
        ListPausedWorkflowsRequest.getDefaultInstance())).getWorkflowsList()) {
      paused.put(workflow.getWorkflowName(), ProtoMapping.instant(workflow.getPausedAt()));
    }
    return paused;
  }
}
