package dev.cairn.internal.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.ChildSpec;
import dev.cairn.internal.codec.JsonText;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.CompositionBackend;
import dev.cairn.internal.execution.DurableOps;
import dev.cairn.internal.execution.OperationRecord;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.ChildState;
import dev.cairn.proto.v1.ChildToStart;
import dev.cairn.proto.v1.CountOperationsRequest;
import dev.cairn.proto.v1.CountOperationsResponse;
import dev.cairn.proto.v1.FindPushedEventRequest;
import dev.cairn.proto.v1.FindPushedEventResponse;
import dev.cairn.proto.v1.GetChildrenRequest;
import dev.cairn.proto.v1.GetChildrenResponse;
import dev.cairn.proto.v1.RecordOperationRequest;
import dev.cairn.proto.v1.RecordOperationResponse;
import dev.cairn.proto.v1.SetOperationResultRequest;
import dev.cairn.proto.v1.SetOperationResultResponse;
import dev.cairn.proto.v1.StartChildrenRequest;
import dev.cairn.proto.v1.StartChildrenResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable operations of steps running on workers (the unary RPCs of the worker service). Each request names the
 * attempt it acts for and the caller's worker id; with the call's token that makes the caller's lease-holder
 * identity, and the store's statements act only if that identity holds the attempt (FAILED_PRECONDITION otherwise,
 * logged with the caller). Every field is checked first (INVALID_ARGUMENT naming it). Thread-safe.
 */
final class WorkerOperations {
  private static final Logger log = LoggerFactory.getLogger(WorkerOperations.class);
  /** Highest operation number within one step. */
  static final int MAX_SEQ = 100_000;
  private static final int MAX_SIGNATURE = 1_000;

  private final CompositionBackend backend;
  private final PayloadCodec codec;

  WorkerOperations(CompositionBackend backend, PayloadCodec codec) {
    this.backend = backend;
    this.codec = codec;
  }

  RecordOperationResponse record(RecordOperationRequest request) {
    AttemptId caller = caller("attempt", request.getAttempt(), request.getWorkerId(), request.getStepId());
    int seq = (int) Ranges.between("seq", request.getSeq(), 0, MAX_SEQ);
    Text.name("kind", request.getKind(), 50);
    Text.name("signature", request.getSignature(), MAX_SIGNATURE);
    long delay = Ranges.between("delay_ms", request.getDelayMs(), 0, Ranges.MAX_WAIT.toMillis());
    long lookback = Ranges.between("lookback_ms", request.getLookbackMs(), 0, Ranges.MAX_WAIT.toMillis());
    OperationRecord op = fenced(caller, () -> backend.recordOperation(caller, seq, request.getKind(),
        request.getSignature(), delay, lookback));
    RecordOperationResponse.Builder answer = RecordOperationResponse.newBuilder().setKind(op.kind())
        .setSignature(op.signature()).setNow(ProtoMapping.timestamp(op.now()))
        .setResultJson(ProtoMapping.nullToEmpty(op.resultJson()));
    if (op.wakeAt() != null) {
      answer.setWakeAt(ProtoMapping.timestamp(op.wakeAt()));
    }
    if (op.since() != null) {
      answer.setSince(ProtoMapping.timestamp(op.since()));
    }
    return answer.build();
  }

  SetOperationResultResponse setResult(SetOperationResultRequest request) {
    AttemptId caller = caller("attempt", request.getAttempt(), request.getWorkerId(), request.getStepId());
    int seq = (int) Ranges.between("seq", request.getSeq(), 0, MAX_SEQ);
    JsonText.check("result_json", request.getResultJson());
    return SetOperationResultResponse.newBuilder()
        .setResultJson(fenced(caller, () -> backend.setOperationResult(caller, seq, request.getResultJson())))
        .build();
  }

  CountOperationsResponse count(CountOperationsRequest request) {
    AttemptId caller = caller("attempt", request.getAttempt(), request.getWorkerId(), request.getStepId());
    return CountOperationsResponse.newBuilder().setCount(fenced(caller, () -> backend.countOperations(caller)))
        .build();
  }

  StartChildrenResponse startChildren(StartChildrenRequest request) {
    AttemptId caller = caller("parent", request.getParent(), request.getWorkerId(), 0);
    Text.name("workflow_name", request.getWorkflowName());
    Text.metadata("metadata", request.getMetadataMap());
    if (request.getChildrenCount() == 0 || request.getChildrenCount() > WorkerMessages.MAX_CHILDREN) {
      throw new IllegalArgumentException("children must hold 1.." + WorkerMessages.MAX_CHILDREN + " entries, got "
          + request.getChildrenCount());
    }
    List<ChildSpec> children = new ArrayList<>(request.getChildrenCount());
    for (int i = 0; i < request.getChildrenCount(); i++) {
      children.add(child("children[" + i + "].", request.getChildren(i)));
    }
    List<UUID> ids = fenced(caller, () -> backend.startChildren(caller, request.getWorkflowName(), children,
        request.getMetadataMap()));
    return StartChildrenResponse.newBuilder().addAllRunIds(ids.stream().map(UUID::toString).toList()).build();
  }

  private ChildSpec child(String field, ChildToStart child) {
    Text.name(field + "key", child.getKey(), DurableOps.CHILD_KEY_LENGTH);
    String input = child.getInputJson().isEmpty() ? "null" : JsonText.check(field + "input_json",
        child.getInputJson());
    return ChildSpec.of(child.getKey(), codec.decode(input, JsonNode.class));
  }

  GetChildrenResponse children(GetChildrenRequest request) {
    AttemptId caller = caller("attempt", request.getAttempt(), request.getWorkerId(), 0);
    List<UUID> ids = WorkerMessages.runIds("run_ids", request.getRunIdsList());
    GetChildrenResponse.Builder answer = GetChildrenResponse.newBuilder();
    for (CompositionBackend.ChildState state : fenced(caller, () -> backend.children(caller, ids))) {
      answer.addChildren(ChildState.newBuilder().setRunId(state.runId().toString())
          .setWorkflowName(state.workflowName()).setStatus(state.status())
          .setError(ProtoMapping.nullToEmpty(state.error()))
          .setOutputJson(ProtoMapping.nullToEmpty(state.outputJson())));
    }
    return answer.build();
  }

  FindPushedEventResponse findPushedEvent(FindPushedEventRequest request) {
    AttemptId caller = caller("attempt", request.getAttempt(), request.getWorkerId(), 0);
    Text.name("key", request.getKey(), DurableOps.EVENT_KEY_LENGTH);
    if (!request.hasSince()) {
      throw new IllegalArgumentException("since is required");
    }
    Optional<String> payload = fenced(caller, () -> backend.findPushedEvent(caller, request.getKey(),
        ProtoMapping.instant("since", request.getSince())));
    return FindPushedEventResponse.newBuilder().setFound(payload.isPresent()).setPayloadJson(payload.orElse(""))
        .build();
  }

  /** The calling worker's identity for the attempt it names; {@code legacyStepId}, if set, must agree. */
  private static AttemptId caller(String field, AttemptRef attempt, String workerId,
      long legacyStepId) {
    WorkerIdentity identity = WorkerIdentity.of(TokenAuthInterceptor.caller(), "worker_id", workerId);
    AttemptId ref = WorkerMessages.attempt(field, attempt, identity.holder());
    if (legacyStepId != 0 && legacyStepId != ref.stepId()) {
      throw new IllegalArgumentException("step_id " + legacyStepId + " differs from attempt.step_id " + ref.stepId());
    }
    return ref;
  }

  /** Runs a fenced operation; a refusal (the caller does not hold the attempt) is logged with the caller. */
  private static <T> T fenced(AttemptId caller, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (IllegalStateException e) {
      log.warn("refused a durable operation from {} on attempt {} of step {} in run {}: {}", caller.holder(),
          caller.attempt(), caller.stepId(), caller.runId(), e.getMessage());
      throw e;
    }
  }
}
