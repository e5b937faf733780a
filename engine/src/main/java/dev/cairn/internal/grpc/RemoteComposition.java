package dev.cairn.internal.grpc;

import dev.cairn.ChildSpec;
import dev.cairn.db.ChildParent;
import dev.cairn.db.StepOp;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.composition.CompositionBackend;
import dev.cairn.proto.v1.ChildToStart;
import dev.cairn.proto.v1.CountOperationsRequest;
import dev.cairn.proto.v1.FindPushedEventRequest;
import dev.cairn.proto.v1.FindPushedEventResponse;
import dev.cairn.proto.v1.GetChildrenRequest;
import dev.cairn.proto.v1.RecordOperationRequest;
import dev.cairn.proto.v1.RecordOperationResponse;
import dev.cairn.proto.v1.SetOperationResultRequest;
import dev.cairn.proto.v1.StartChildrenRequest;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable operations of steps running on a worker, answered by the engine over gRPC. A failed call surfaces as
 * an exception in the step (retried like any failure); a refused child start (the attempt is no longer current)
 * as an IllegalStateException. Thread-safe.
 */
public final class RemoteComposition implements CompositionBackend {
  private final WorkerServiceGrpc.WorkerServiceBlockingStub engine;
  private final PayloadCodec codec;

  public RemoteComposition(WorkerServiceGrpc.WorkerServiceBlockingStub engine, PayloadCodec codec) {
    this.engine = engine;
    this.codec = codec;
  }

  @Override
  public StepOp recordOperation(long stepId, int seq, String kind, String signature, long delayMillis,
      long lookbackMillis) {
    RecordOperationResponse op = engine.recordOperation(RecordOperationRequest.newBuilder().setStepId(stepId)
        .setSeq(seq).setKind(kind).setSignature(signature).setDelayMs(delayMillis).setLookbackMs(lookbackMillis)
        .build());
    return new StepOp(op.getKind(), op.getSignature(), op.hasWakeAt() ? ProtoMapping.instant(op.getWakeAt()) : null,
        op.hasSince() ? ProtoMapping.instant(op.getSince()) : null, ProtoMapping.emptyToNull(op.getResultJson()),
        ProtoMapping.instant(op.getNow()));
  }

  @Override
  public String setOperationResult(long stepId, int seq, String resultJson) {
    return engine.setOperationResult(SetOperationResultRequest.newBuilder().setStepId(stepId).setSeq(seq)
        .setResultJson(resultJson).build()).getResultJson();
  }

  @Override
  public int countOperations(long stepId) {
    return engine.countOperations(CountOperationsRequest.newBuilder().setStepId(stepId).build()).getCount();
  }

  @Override
  public List<UUID> startChildren(ChildParent parent, String workflowName, List<ChildSpec> children,
      Map<String, String> metadata) {
    StartChildrenRequest.Builder request = StartChildrenRequest.newBuilder()
        .setParent(ProtoMapping.attempt(new dev.cairn.db.AttemptRef(parent.stepId(), parent.runId(), parent.attempt())))
        .setWorkflowName(workflowName).putAllMetadata(metadata);
    children.forEach(child -> request.addChildren(ChildToStart.newBuilder().setKey(child.key())
        .setInputJson(codec.encode(child.input()))));
    try {
      return engine.startChildren(request.build()).getRunIdsList().stream().map(UUID::fromString).toList();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
        throw new IllegalStateException(e.getStatus().getDescription(), e);
      }
      throw e;
    }
  }

  @Override
  public List<ChildState> children(List<UUID> runIds) {
    return engine.getChildren(GetChildrenRequest.newBuilder()
            .addAllRunIds(runIds.stream().map(UUID::toString).toList()).build())
        .getChildrenList().stream()
        .map(child -> new ChildState(UUID.fromString(child.getRunId()), child.getWorkflowName(), child.getStatus(),
            ProtoMapping.emptyToNull(child.getError()), ProtoMapping.emptyToNull(child.getOutputJson())))
        .toList();
  }

  @Override
  public Optional<String> findPushedEvent(String key, Instant since) {
    FindPushedEventResponse found = engine.findPushedEvent(FindPushedEventRequest.newBuilder().setKey(key)
        .setSince(ProtoMapping.timestamp(since)).build());
    return found.getFound() ? Optional.of(found.getPayloadJson()) : Optional.empty();
  }
}
