package dev.cairn.internal.grpc;

import dev.cairn.internal.Engine;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.Mismatch;
import dev.cairn.proto.v1.Register;
import dev.cairn.proto.v1.Registered;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker service: one bidirectional stream per worker. The first message must register the worker; a
 * workflow whose definition differs from the one its runs are started with is refused for that worker, told so
 * in the Registered answer and logged as a warning: such a worker never gets work for it. Thread-safe.
 */
final class GrpcWorkerService extends WorkerServiceGrpc.WorkerServiceImplBase {
  private static final Logger log = LoggerFactory.getLogger(GrpcWorkerService.class);
  static final int MAX_SLOTS = 1024;

  private final Engine engine;
  private final WorkerSessions sessions;
  private final ScheduledExecutorService timer;
  private final Duration lease;
  private final Duration pollInterval;

  GrpcWorkerService(Engine engine, WorkerSessions sessions, ScheduledExecutorService timer, Duration lease,
      Duration pollInterval) {
    this.engine = engine;
    this.sessions = sessions;
    this.timer = timer;
    this.lease = lease;
    this.pollInterval = pollInterval;
  }

  @Override
  public StreamObserver<WorkerMessage> connect(StreamObserver<EngineMessage> responses) {
    return new StreamObserver<>() {
      private WorkerSession session;

      @Override
      public void onNext(WorkerMessage message) {
        try {
          if (session == null) {
            if (!message.hasRegister()) {
              throw Status.INVALID_ARGUMENT.withDescription("the first message of a stream must be a register")
                  .asRuntimeException();
            }
            session = register(message.getRegister(), responses);
            return;
          }
          switch (message.getKindCase()) {
            case HEARTBEAT -> session.heartbeat();
            case RESULT -> session.result(message.getResult());
            case PROGRESS -> session.progress(message.getProgress());
            case EXTEND_TIMEOUT -> session.extend(message.getExtendTimeout());
            case LOG -> log.info("[worker {}] step {} attempt {}: {} {}", session.workerId(),
                message.getLog().getAttempt().getStepId(), message.getLog().getAttempt().getAttempt(),
                message.getLog().getLevel(), message.getLog().getMessage());
            default -> throw Status.INVALID_ARGUMENT.withDescription("unexpected " + message.getKindCase()
                + " after registration").asRuntimeException();
          }
        } catch (StatusRuntimeException e) {
          end();
          responses.onError(e);
        } catch (RuntimeException e) {
          log.error("worker stream failed on {}", message.getKindCase(), e);
          end();
          responses.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
        }
      }

      @Override
      public void onError(Throwable error) {
        end();
      }

      @Override
      public void onCompleted() {
        end();
        responses.onCompleted();
      }

      private void end() {
        if (session != null) {
          sessions.remove(session);
          session.stop();
          log.info("worker {} disconnected (session {})", session.workerId(), session.sessionId());
          session = null;
        }
      }
    };
  }

  @Override
  public void recordOperation(dev.cairn.proto.v1.RecordOperationRequest request,
      StreamObserver<dev.cairn.proto.v1.RecordOperationResponse> response) {
    Unary.answer(response, () -> {
      dev.cairn.db.StepOp op = engine.composition().backend().recordOperation(request.getStepId(), request.getSeq(),
          request.getKind(), request.getSignature(), request.getDelayMs(), request.getLookbackMs());
      dev.cairn.proto.v1.RecordOperationResponse.Builder answer = dev.cairn.proto.v1.RecordOperationResponse
          .newBuilder().setKind(op.kind()).setSignature(op.signature()).setNow(ProtoMapping.timestamp(op.dbNow()))
          .setResultJson(ProtoMapping.nullToEmpty(op.resultJson()));
      if (op.wakeAt() != null) {
        answer.setWakeAt(ProtoMapping.timestamp(op.wakeAt()));
      }
      if (op.since() != null) {
        answer.setSince(ProtoMapping.timestamp(op.since()));
      }
      return answer.build();
    });
  }

  @Override
  public void setOperationResult(dev.cairn.proto.v1.SetOperationResultRequest request,
      StreamObserver<dev.cairn.proto.v1.SetOperationResultResponse> response) {
    Unary.answer(response, () -> dev.cairn.proto.v1.SetOperationResultResponse.newBuilder().setResultJson(
        engine.composition().backend().setOperationResult(request.getStepId(), request.getSeq(),
            request.getResultJson())).build());
  }

  @Override
  public void countOperations(dev.cairn.proto.v1.CountOperationsRequest request,
      StreamObserver<dev.cairn.proto.v1.CountOperationsResponse> response) {
    Unary.answer(response, () -> dev.cairn.proto.v1.CountOperationsResponse.newBuilder()
        .setCount(engine.composition().backend().countOperations(request.getStepId())).build());
  }

  @Override
  public void startChildren(dev.cairn.proto.v1.StartChildrenRequest request,
      StreamObserver<dev.cairn.proto.v1.StartChildrenResponse> response) {
    Unary.answer(response, () -> {
      java.util.List<dev.cairn.ChildSpec> children = request.getChildrenList().stream()
          .map(child -> dev.cairn.ChildSpec.of(child.getKey(), engine.codec().decode(
              child.getInputJson().isEmpty() ? "null" : child.getInputJson(),
              com.fasterxml.jackson.databind.JsonNode.class))).toList();
      java.util.List<java.util.UUID> ids;
      try {
        ids = engine.composition().backend().startChildren(new dev.cairn.db.ChildParent(
            java.util.UUID.fromString(request.getParent().getRunId()), request.getParent().getStepId(),
            request.getParent().getAttempt()), request.getWorkflowName(), children, request.getMetadataMap());
      } catch (IllegalStateException e) {
        throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
      } catch (dev.cairn.CairnException e) {
        throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
      }
      return dev.cairn.proto.v1.StartChildrenResponse.newBuilder()
          .addAllRunIds(ids.stream().map(java.util.UUID::toString).toList()).build();
    });
  }

  @Override
  public void getChildren(dev.cairn.proto.v1.GetChildrenRequest request,
      StreamObserver<dev.cairn.proto.v1.GetChildrenResponse> response) {
    Unary.answer(response, () -> {
      dev.cairn.proto.v1.GetChildrenResponse.Builder answer = dev.cairn.proto.v1.GetChildrenResponse.newBuilder();
      for (dev.cairn.internal.composition.CompositionBackend.ChildState state : engine.composition().backend()
          .children(request.getRunIdsList().stream().map(java.util.UUID::fromString).toList())) {
        answer.addChildren(dev.cairn.proto.v1.ChildState.newBuilder().setRunId(state.runId().toString())
            .setWorkflowName(state.workflowName()).setStatus(state.status())
            .setError(ProtoMapping.nullToEmpty(state.error())).setOutputJson(ProtoMapping.nullToEmpty(state.outputJson())));
      }
      return answer.build();
    });
  }

  @Override
  public void findPushedEvent(dev.cairn.proto.v1.FindPushedEventRequest request,
      StreamObserver<dev.cairn.proto.v1.FindPushedEventResponse> response) {
    Unary.answer(response, () -> {
      java.util.Optional<String> payload = engine.composition().backend().findPushedEvent(request.getKey(),
          ProtoMapping.instant(request.getSince()));
      return dev.cairn.proto.v1.FindPushedEventResponse.newBuilder().setFound(payload.isPresent())
          .setPayloadJson(payload.orElse("")).build();
    });
  }



  /**
   * The fingerprint new runs of the offered workflow start with, after offering it. A workflow this node runs
   * itself keeps its own definition. Otherwise a new definition takes over only when nothing needs the current
   * one any more: no worker connected here serves it and no unfinished run was started with it, so a worker with
   * stale code never captures new runs.
   */
  private String currentFingerprint(WorkflowDefinition offered, dev.cairn.proto.v1.WorkflowDefinition proto) {
    java.util.Optional<WorkflowDefinition> local = engine.registry().find(offered.name())
        .filter(WorkflowDefinition::isLocal);
    if (local.isPresent()) {
      return local.get().fingerprint();
    }
    String current = engine.store().definitions().definitionOffer(offered.name(), offered.fingerprint(),
        proto.toByteArray(), previous -> sessions.noneServe(offered.name(), previous)
            && !engine.store().stepAnyUnfinished(offered.name(), previous));
    engine.registry().forgetRemote(offered.name());
    return current;
  }

  private WorkerSession register(Register register, StreamObserver<EngineMessage> responses) {
    if (register.getWorkerId().isEmpty()) {
      throw Status.INVALID_ARGUMENT.withDescription("worker_id is required").asRuntimeException();
    }
    if (register.getSlots() < 1 || register.getSlots() > MAX_SLOTS) {
      throw Status.INVALID_ARGUMENT.withDescription("slots must be 1.." + MAX_SLOTS + ", got " + register.getSlots())
          .asRuntimeException();
    }
    Map<String, WorkflowDefinition> accepted = new LinkedHashMap<>();
    Registered.Builder answer = Registered.newBuilder().setLeaseMs(lease.toMillis())
        .setEventLookbackMs(engine.eventLookback().toMillis());
    for (dev.cairn.proto.v1.WorkflowDefinition proto : register.getWorkflowsList()) {
      WorkflowDefinition offered = RemoteDefinitions.fromProto(proto);
      String current = currentFingerprint(offered, proto);
      if (current.equals(offered.fingerprint())) {
        accepted.put(offered.name(), offered);
        answer.addAccepted(offered.name());
      } else {
        answer.addMismatches(Mismatch.newBuilder().setWorkflowName(offered.name())
            .setWorkerFingerprint(offered.fingerprint()).setEngineFingerprint(current));
        log.warn("WORKER DEFINITION MISMATCH: worker {} serves workflow {} with definition {}, but its runs start"
            + " with definition {}; the worker gets no work for it (stale code or an undeployed change?)",
            register.getWorkerId(), offered.name(), offered.fingerprint(), current);
      }
    }
    WorkerSession session = new WorkerSession(engine, register.getWorkerId(), register.getSlots(), accepted,
        responses, timer, lease, pollInterval);
    answer.setSessionId(session.sessionId());
    session.send(EngineMessage.newBuilder().setRegistered(answer).build());
    session.adopt(register.getRunningList());
    sessions.add(session);
    session.start();
    log.info("worker {} registered (session {}): {} slots, serves {}{}", register.getWorkerId(), session.sessionId(),
        register.getSlots(), accepted.keySet(), answer.getMismatchesCount() == 0 ? ""
            : ", refused " + answer.getMismatchesList().stream().map(Mismatch::getWorkflowName).toList());
    return session;
  }
}
