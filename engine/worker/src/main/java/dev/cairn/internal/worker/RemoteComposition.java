package dev.cairn.internal.worker;

import dev.cairn.ChildSpec;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.CompositionBackend;
import dev.cairn.internal.execution.OperationRecord;
import dev.cairn.internal.wire.ProtoMapping;
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
import java.util.function.Supplier;

/**
 * Durable operations of steps running on a worker, answered by the engine over gRPC. Every call names the attempt
 * and this worker's id (the engine acts only for attempts leased to this worker). A failed call surfaces as an
 * exception in the step (retried like any failure); a refused one (the attempt is no longer this worker's) as an
 * IllegalStateException. Thread-safe.
 */
public final class RemoteComposition implements CompositionBackend {
  private final WorkerServiceGrpc.WorkerServiceBlockingStub engine;
  private final PayloadCodec codec;
  private final String workerId;

  public RemoteComposition(WorkerServiceGrpc.WorkerServiceBlockingStub engine, PayloadCodec codec, String workerId) {
    this.engine = engine;
    this.codec = codec;
    this.workerId = workerId;
  }

  @Override
  public OperationRecord recordOperation(AttemptId caller, int seq, String kind, String signature, long delayMillis,
      long lookbackMillis) {
    RecordOperationResponse op = call(() -> engine.recordOperation(RecordOperationRequest.newBuilder()
        .setAttempt(ProtoMapping.attempt(caller)).setWorkerId(workerId).setSeq(seq).setKind(kind)
        .setSignature(signature).setDelayMs(delayMillis).setLookbackMs(lookbackMillis).build()));
    return new OperationRecord(op.getKind(), op.getSignature(), op.hasWakeAt() ? ProtoMapping.instant(op.getWakeAt()) : null,
        op.hasSince() ? ProtoMapping.instant(op.getSince()) : null, ProtoMapping.emptyToNull(op.getResultJson()),
        ProtoMapping.instant(op.getNow()));
  }

  @Override
  public String setOperationResult(AttemptId caller, int seq, String resultJson) {
    return call(() -> engine.setOperationResult(SetOperationResultRequest.newBuilder()
        .setAttempt(ProtoMapping.attempt(caller)).setWorkerId(workerId).setSeq(seq).setResultJson(resultJson)
        .build())).getResultJson();
  }

  @Override
  public int countOperations(AttemptId caller) {
    return call(() -> engine.countOperations(CountOperationsRequest.newBuilder()
        .setAttempt(ProtoMapping.attempt(caller)).setWorkerId(workerId).build())).getCount();
  }

  @Override
  public List<UUID> startChildren(AttemptId parent, String workflowName, List<ChildSpec> children,
      Map<String, String> metadata) {
    StartChildrenRequest.Builder request = StartChildrenRequest.newBuilder()
        .setParent(ProtoMapping.attempt(parent)).setWorkerId(workerId)
        .setWorkflowName(workflowName).putAllMetadata(metadata);
    children.forEach(child -> request.addChildren(ChildToStart.newBuilder().setKey(child.key())
        .setInputJson(codec.encode(child.input()))));
    return call(() -> engine.startChildren(request.build())).getRunIdsList().stream().map(UUID::fromString).toList();
  }

  @Override
  public List<ChildState> children(AttemptId caller, List<UUID> runIds) {
    return call(() -> engine.getChildren(GetChildrenRequest.newBuilder().setAttempt(ProtoMapping.attempt(caller))
            .setWorkerId(workerId).addAllRunIds(runIds.stream().map(UUID::toString).toList()).build()))
        .getChildrenList().stream()
        .map(child -> new ChildState(UUID.fromString(child.getRunId()), child.getWorkflowName(), child.getStatus(),
            ProtoMapping.emptyToNull(child.getError()), ProtoMapping.emptyToNull(child.getOutputJson())))
        .toList();
  }

  @Override
  public Optional<String> findPushedEvent(AttemptId caller, String key, Instant since) {
    FindPushedEventResponse found = call(() -> engine.findPushedEvent(FindPushedEventRequest.newBuilder()
        .setAttempt(ProtoMapping.attempt(caller)).setWorkerId(workerId).setKey(key)
        .setSince(ProtoMapping.timestamp(since)).build()));
    return found.getFound() ? Optional.of(found.getPayloadJson()) : Optional.empty();
  }

  /** A refusal because the attempt is not this worker's any more becomes an IllegalStateException. */
  private static <T> T call(Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
        throw new IllegalStateException(e.getStatus().getDescription(), e);
      }
      throw e;
    }
  }
}
