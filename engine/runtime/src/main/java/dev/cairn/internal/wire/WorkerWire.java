package dev.cairn.internal.wire;

import dev.cairn.WorkerInfo;
import dev.cairn.WorkerQuery;
import dev.cairn.proto.v1.ListWorkersRequest;
import dev.cairn.proto.v1.WorkerDefinition;
import dev.cairn.proto.v1.WorkerKind;
import dev.cairn.proto.v1.WorkerState;
import dev.cairn.proto.v1.WorkerStep;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** The worker inventory between its API types and the cairn.v1 messages (ListWorkers). */
public final class WorkerWire {
  private WorkerWire() {}

  /** A query as a ListWorkers request. */
  public static ListWorkersRequest request(WorkerQuery query) {
    return ListWorkersRequest.newBuilder().setWorkflowName(ProtoMapping.nullToEmpty(query.workflowName()))
        .putAllLabels(query.labels()).setConnectedOnly(query.connectedOnly()).setPageSize(query.pageSize())
        .setPageToken(ProtoMapping.nullToEmpty(query.pageToken())).build();
  }

  /**
   * A ListWorkers request as a query, each field checked as the embedded API checks it.
   *
   * @throws IllegalArgumentException naming the request field at fault
   */
  public static WorkerQuery query(ListWorkersRequest request) {
    WorkerQuery.Builder query = WorkerQuery.builder();
    if (!request.getWorkflowName().isEmpty()) {
      query.workflow(renamed("workflowName", "workflow_name", () -> request.getWorkflowName()));
    }
    request.getLabelsMap().forEach(query::label);
    if (request.getPageSize() != 0) {
      renamed("pageSize", "page_size", () -> query.pageSize(request.getPageSize()));
    }
    if (!request.getPageToken().isEmpty()) {
      renamed("pageToken", "page_token", () -> query.pageToken(request.getPageToken()));
    }
    return query.connectedOnly(request.getConnectedOnly()).build();
  }

  private static <T> T renamed(String apiName, String wireName, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().replace(apiName, wireName), e);
    }
  }

  public static dev.cairn.proto.v1.WorkerInfo worker(WorkerInfo info) {
    WorkerInfo.Connection connection = info.connection();
    dev.cairn.proto.v1.WorkerInfo.Builder worker = dev.cairn.proto.v1.WorkerInfo.newBuilder()
        .setWorkerId(info.workerId()).setKind(WorkerKind.valueOf("WORKER_KIND_" + info.kind().name()))
        .setState(WorkerState.valueOf("WORKER_STATE_" + info.state().name())).setHolder(info.holder())
        .setTokenId(ProtoMapping.nullToEmpty(connection.tokenId())).setNodeId(info.nodeId())
        .setSessionId(connection.sessionId()).setHost(info.host()).setAddress(connection.address())
        .setVersion(info.version()).putAllLabels(info.labels()).setSlots(info.slots()).setSlotsUsed(info.slotsUsed())
        .setConnectedAt(ProtoMapping.timestamp(connection.connectedAt()))
        .setLastHeartbeatAt(ProtoMapping.timestamp(connection.lastHeartbeatAt()))
        .setStaleAt(ProtoMapping.timestamp(connection.staleAt()))
        .setGoneReason(ProtoMapping.nullToEmpty(connection.goneReason()));
    if (connection.goneAt() != null) {
      worker.setGoneAt(ProtoMapping.timestamp(connection.goneAt()));
    }
    for (WorkerInfo.Definition definition : info.definitions()) {
      worker.addDefinitions(WorkerDefinition.newBuilder().setWorkflowName(definition.workflowName())
          .setFingerprint(definition.fingerprint()).setEngineFingerprint(definition.engineFingerprint())
          .setAccepted(definition.accepted()));
    }
    for (WorkerInfo.RunningStep step : info.running()) {
      worker.addRunning(WorkerStep.newBuilder().setRunId(step.runId().toString())
          .setWorkflowName(step.workflowName()).setStepName(step.stepName()).setAttempt(step.attempt())
          .setStartedAt(ProtoMapping.timestamp(step.startedAt())));
    }
    return worker.build();
  }

  public static WorkerInfo worker(dev.cairn.proto.v1.WorkerInfo worker) {
    List<WorkerInfo.Definition> definitions = new ArrayList<>();
    for (WorkerDefinition definition : worker.getDefinitionsList()) {
      definitions.add(new WorkerInfo.Definition(definition.getWorkflowName(), definition.getFingerprint(),
          definition.getEngineFingerprint(), definition.getAccepted()));
    }
    List<WorkerInfo.RunningStep> running = new ArrayList<>();
    for (WorkerStep step : worker.getRunningList()) {
      running.add(new WorkerInfo.RunningStep(UUID.fromString(step.getRunId()), step.getWorkflowName(),
          step.getStepName(), step.getAttempt(), ProtoMapping.instant(step.getStartedAt())));
    }
    return new WorkerInfo(worker.getWorkerId(), WorkerInfo.Kind.valueOf(worker.getKind().name()
        .substring("WORKER_KIND_".length())), WorkerInfo.State.valueOf(worker.getState().name()
        .substring("WORKER_STATE_".length())), worker.getHolder(), worker.getNodeId(), worker.getHost(),
        worker.getVersion(), worker.getLabelsMap(), worker.getSlots(), worker.getSlotsUsed(), definitions, running,
        new WorkerInfo.Connection(ProtoMapping.emptyToNull(worker.getTokenId()), worker.getSessionId(),
            worker.getAddress(), ProtoMapping.instant(worker.getConnectedAt()),
            ProtoMapping.instant(worker.getLastHeartbeatAt()), ProtoMapping.instant(worker.getStaleAt()),
            worker.hasGoneAt() ? ProtoMapping.instant(worker.getGoneAt()) : null,
            ProtoMapping.emptyToNull(worker.getGoneReason())));
  }
}
