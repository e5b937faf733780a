package dev.cairn.internal.grpc;

import dev.cairn.CairnClock;
import dev.cairn.RateLimits;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.dispatch.AttemptTracker;
import dev.cairn.internal.dispatch.Dispatcher;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.CompositionBackend;
import dev.cairn.internal.inventory.WorkerInventory;
import dev.cairn.internal.schedule.Declarations;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import dev.cairn.internal.wire.RemoteDefinitions;
import dev.cairn.proto.v1.CountOperationsRequest;
import dev.cairn.proto.v1.CountOperationsResponse;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.FindPushedEventRequest;
import dev.cairn.proto.v1.FindPushedEventResponse;
import dev.cairn.proto.v1.GetChildrenRequest;
import dev.cairn.proto.v1.GetChildrenResponse;
import dev.cairn.proto.v1.Mismatch;
import dev.cairn.proto.v1.RecordOperationRequest;
import dev.cairn.proto.v1.RecordOperationResponse;
import dev.cairn.proto.v1.Register;
import dev.cairn.proto.v1.Registered;
import dev.cairn.proto.v1.SetOperationResultRequest;
import dev.cairn.proto.v1.SetOperationResultResponse;
import dev.cairn.proto.v1.StartChildrenRequest;
import dev.cairn.proto.v1.StartChildrenResponse;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker service: one bidirectional stream per worker, plus the durable operations of its steps
 * ({@link WorkerOperations}). The first message of a stream must register the worker; a workflow whose definition
 * differs from the one its runs are started with is refused for that worker, told so in the Registered answer and
 * logged as a warning: such a worker never gets work for it. After registration a malformed message is answered
 * with a MessageRejected and the stream goes on; only a malformed registration ends the stream. Thread-safe.
 */
public final class GrpcWorkerService extends WorkerServiceGrpc.WorkerServiceImplBase {
  private static final Logger log = LoggerFactory.getLogger(GrpcWorkerService.class);
  static final int MAX_SLOTS = 1024;
  /** Most static rate limits one registration may set. */
  static final int MAX_RATE_LIMITS = 100;
  static final int MAX_WORKFLOWS = 1000;
  /** Most attempts a registration may name (running or with unacknowledged results). */
  static final int MAX_RUNNING = 10_000;
  /** Longest host name a registration may report. */
  static final int MAX_HOST = 255;

  /** What the worker service works with. */
  public record Collaborators(Store store, WorkflowRegistry registry, PayloadCodec codec, AttemptTracker tracker,
      Dispatcher dispatcher, OutcomeSink completer, CompositionBackend composition, Duration lease,
      Duration eventLookback, CairnClock clock, RateLimits rateLimits, Declarations declarations) {}

  private final Collaborators with;
  private final WorkerSessions sessions;
  private final WorkerOperations operations;

  public GrpcWorkerService(Collaborators with, WorkerSessions sessions) {
    this.with = with;
    this.sessions = sessions;
    this.operations = new WorkerOperations(with.composition(), with.codec());
  }

  @Override
  public StreamObserver<WorkerMessage> connect(StreamObserver<EngineMessage> responses) {
    Context call = Context.current();
    return new StreamObserver<>() {
      private WorkerSession session;

      @Override
      public void onNext(WorkerMessage message) {
        if (session == null) {
          registerFirst(message);
          return;
        }
        session.heard();
        try {
          switch (message.getKindCase()) {
            case HEARTBEAT -> {
              session.heartbeat();
              sessions.heartbeat(session);
            }
            case RESULT -> session.result(message.getResult());
            case PROGRESS -> session.progress(message.getProgress());
            case EXTEND_TIMEOUT -> session.extend(message.getExtendTimeout());
            case LOG -> session.logLine(message.getLog());
            default -> throw new IllegalArgumentException("unexpected " + message.getKindCase()
                + " after registration");
          }
        } catch (RuntimeException e) {
          StatusRuntimeException status = Statuses.of(e);
          session.rejectMalformed(message.getKindCase() + ": " + status.getStatus().getDescription());
        }
      }

      private void registerFirst(WorkerMessage message) {
        try {
          if (!message.hasRegister()) {
            throw new IllegalArgumentException("the first message of a stream must be a register");
          }
          session = call.call(() -> register(message.getRegister(), responses));
        } catch (Exception e) {
          responses.onError(Statuses.of(e));
        }
      }

      @Override
      public void onError(Throwable error) {
        end("the stream broke: " + Statuses.of(error).getStatus().getCode());
      }

      @Override
      public void onCompleted() {
        end("the worker closed its stream");
        responses.onCompleted();
      }

      private void end(String reason) {
        if (session != null) {
          sessions.remove(session, reason);
          with.dispatcher().remove(session);
          session.stop();
          log.info("worker {} disconnected (session {})", session.workerId(), session.sessionId());
          session = null;
        }
      }
    };
  }

  @Override
  public void recordOperation(RecordOperationRequest request, StreamObserver<RecordOperationResponse> response) {
    Unary.answer(response, () -> operations.record(request));
  }

  @Override
  public void setOperationResult(SetOperationResultRequest request,
      StreamObserver<SetOperationResultResponse> response) {
    Unary.answer(response, () -> operations.setResult(request));
  }

  @Override
  public void countOperations(CountOperationsRequest request, StreamObserver<CountOperationsResponse> response) {
    Unary.answer(response, () -> operations.count(request));
  }

  @Override
  public void startChildren(StartChildrenRequest request, StreamObserver<StartChildrenResponse> response) {
    Unary.answer(response, () -> operations.startChildren(request));
  }

  @Override
  public void getChildren(GetChildrenRequest request, StreamObserver<GetChildrenResponse> response) {
    Unary.answer(response, () -> operations.children(request));
  }

  @Override
  public void findPushedEvent(FindPushedEventRequest request, StreamObserver<FindPushedEventResponse> response) {
    Unary.answer(response, () -> operations.findPushedEvent(request));
  }

  /**
   * The fingerprint new runs of the offered workflow start with, after offering it. A workflow this node runs
   * itself keeps its own definition. Otherwise a new definition takes over only when nothing needs the current
   * one any more: no worker connected here serves it and no unfinished run was started with it, so a worker with
   * stale code never captures new runs.
   */
  private String currentFingerprint(WorkflowDefinition offered, dev.cairn.proto.v1.WorkflowDefinition proto) {
    Optional<WorkflowDefinition> local = with.registry().find(offered.name()).filter(WorkflowDefinition::isLocal);
    if (local.isPresent()) {
      return local.get().fingerprint();
    }
    String current = with.store().definitions().definitionOffer(offered.name(), offered.fingerprint(),
        proto.toByteArray(), previous -> sessions.noneServe(offered.name(), previous)
            && !with.store().stepAnyUnfinished(offered.name(), previous));
    with.registry().forgetRemote(offered.name());
    return current;
  }

  private WorkerSession register(Register register, StreamObserver<EngineMessage> responses) {
    WorkerIdentity identity = WorkerIdentity.of(TokenAuthInterceptor.caller(), "register.worker_id",
        register.getWorkerId());
    Ranges.between("register.slots", register.getSlots(), 1, MAX_SLOTS);
    Text.metadata("register.labels", register.getLabelsMap());
    if (register.getRateLimitsCount() > MAX_RATE_LIMITS) {
      throw new IllegalArgumentException("register.rate_limits: at most " + MAX_RATE_LIMITS + " entries, got "
          + register.getRateLimitsCount());
    }
    for (int i = 0; i < register.getRateLimitsCount(); i++) {
      GrpcAdminService.check("register.rate_limits[" + i + "].", register.getRateLimits(i));
    }
    Text.text("register.version", register.getVersion(), 200);
    Text.text("register.host", register.getHost(), MAX_HOST);
    List<WorkflowDefinition> offered = offeredDefinitions(register);
    Declarations.Declared declared = Declarations.check(offered, (index, part) -> problem -> "register.workflows["
        + index + "].lifecycle." + switch (part) {
          case "onEvents" -> "on_events";
          case "eventFilter" -> "event_filter";
          default -> part;
        } + ": " + problem);
    Ranges.between("register.running count", register.getRunningCount(), 0, MAX_RUNNING);
    List<AttemptId> running = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    for (int i = 0; i < register.getRunningCount(); i++) {
      try {
        running.add(WorkerMessages.attempt("register.running[" + i + "]", register.getRunning(i), identity.holder()));
      } catch (IllegalArgumentException e) {
        malformed.add(e.getMessage());
      }
    }
    // Everything was checked: now the worker's static rate limits are set, as upstream's ensure_rate_limit does.
    register.getRateLimitsList().forEach(limit -> with.rateLimits().set(limit.getName(), limit.getUnits(),
        Duration.ofMillis(limit.getPeriodMs())));
    Map<String, WorkflowDefinition> accepted = new LinkedHashMap<>();
    List<WorkerInventory.Offered> inventoried = new ArrayList<>();
    Registered.Builder answer = Registered.newBuilder().setLeaseMs(with.lease().toMillis())
        .setEventLookbackMs(with.eventLookback().toMillis());
    for (int i = 0; i < offered.size(); i++) {
      WorkflowDefinition definition = offered.get(i);
      String current = currentFingerprint(definition, register.getWorkflows(i));
      inventoried.add(new WorkerInventory.Offered(definition.name(), definition.fingerprint(), current,
          current.equals(definition.fingerprint())));
      if (current.equals(definition.fingerprint())) {
        accepted.put(definition.name(), definition);
        answer.addAccepted(definition.name());
      } else {
        answer.addMismatches(Mismatch.newBuilder().setWorkflowName(definition.name())
            .setWorkerFingerprint(definition.fingerprint()).setEngineFingerprint(current));
        log.warn("WORKER DEFINITION MISMATCH: worker {} serves workflow {} with definition {}, but its runs start"
            + " with definition {}; the worker gets no work for it (stale code or an undeployed change?)",
            identity.workerId(), definition.name(), definition.fingerprint(), current);
      }
    }
    // What the current definitions declare (a schedule, event triggers, retention) is kept as they say; a definition
    // without a lifecycle comes from a worker built before declarations travelled, and changes nothing.
    Set<String> declaring = new HashSet<>(accepted.keySet());
    for (int i = 0; i < register.getWorkflowsCount(); i++) {
      if (!register.getWorkflows(i).hasLifecycle()) {
        declaring.remove(register.getWorkflows(i).getName());
      }
    }
    with.declarations().apply(declared.only(declaring));
    WorkerSession session = new WorkerSession(identity, register.getSlots(), accepted, register.getLabelsMap(),
        responses, with.tracker(),
        with.codec(), with.lease(), with.clock(), with.dispatcher()::wake);
    answer.setSessionId(session.sessionId());
    WorkerSession replaced = sessions.add(session, new WorkerInventory.Connection(identity.tokenId(),
        register.getHost(), TokenAuthInterceptor.peer(), register.getVersion(), register.getSlots()), inventoried);
    if (replaced != null) {
      with.dispatcher().remove(replaced);
    }
    session.send(EngineMessage.newBuilder().setRegistered(answer).build());
    // A malformed attempt reference does not refuse the whole registration: that entry alone is answered.
    malformed.forEach(session::rejectMalformed);
    new Adoption(with.store(), with.completer(), with.lease(), with.clock()).adopt(session, running);
    with.dispatcher().add(session);
    log.info("worker {} registered (session {}, token {}): {} slots, serves {}{}", identity.workerId(),
        session.sessionId(), identity.tokenId(), register.getSlots(), accepted.keySet(),
        answer.getMismatchesCount() == 0 ? ""
            : ", refused " + answer.getMismatchesList().stream().map(Mismatch::getWorkflowName).toList());
    return session;
  }

  /** The definitions offered, each validated; one workflow offered twice in a registration is refused. */
  private static List<WorkflowDefinition> offeredDefinitions(Register register) {
    Ranges.between("register.workflows count", register.getWorkflowsCount(), 0, MAX_WORKFLOWS);
    Set<String> names = new HashSet<>();
    List<WorkflowDefinition> offered = new ArrayList<>();
    for (int i = 0; i < register.getWorkflowsCount(); i++) {
      WorkflowDefinition definition;
      try {
        definition = RemoteDefinitions.fromProto(register.getWorkflows(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("register.workflows[" + i + "] " + e.getMessage());
      }
      if (!names.add(definition.name())) {
        throw new IllegalArgumentException("register.workflows offers workflow " + Text.quote(definition.name())
            + " twice; a worker serves one definition of each workflow");
      }
      offered.add(definition);
    }
    return offered;
  }
}
