package dev.cairn.client;

import dev.cairn.Workflows;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.ClearRetentionRequest;
import dev.cairn.proto.v1.ListPausedWorkflowsRequest;
import dev.cairn.proto.v1.ListRetentionsRequest;
import dev.cairn.proto.v1.PauseWorkflowRequest;
import dev.cairn.proto.v1.PausedWorkflow;
import dev.cairn.proto.v1.ResumeWorkflowRequest;
import dev.cairn.proto.v1.SetRetentionRequest;
import dev.cairn.proto.v1.WorkflowRetention;
import dev.cairn.proto.v1.WorkflowServiceGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The engine's workflows (pauses, retention) through its WorkflowService. Thread-safe. */
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

  @Override
  public void setRetention(String workflowName, Duration period) {
    SetRetentionRequest.Builder request = SetRetentionRequest.newBuilder().setWorkflowName(workflowName);
    if (Objects.requireNonNull(period, "period").equals(KEEP_FOREVER)) {
      request.setKeepForever(true);
    } else {
      request.setRetentionMs(period.toMillis());
    }
    CairnClient.call(() -> stub.setRetention(request.build()));
  }

  @Override
  public boolean clearRetention(String workflowName) {
    return CairnClient.call(() -> stub.clearRetention(ClearRetentionRequest.newBuilder()
        .setWorkflowName(workflowName).build())).getHadRetention();
  }

  @Override
  public Map<String, Duration> retentions() {
    Map<String, Duration> retentions = new LinkedHashMap<>();
    for (WorkflowRetention row : CairnClient.call(() -> stub.listRetentions(
        ListRetentionsRequest.getDefaultInstance())).getRetentionsList()) {
      retentions.put(row.getWorkflowName(),
          row.getKeepForever() ? KEEP_FOREVER : Duration.ofMillis(row.getRetentionMs()));
    }
    return retentions;
  }
}
