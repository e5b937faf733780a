package dev.cairn.client;

import dev.cairn.BulkResult;
import dev.cairn.CairnException;
import dev.cairn.CancelResult;
import dev.cairn.EventPush;
import dev.cairn.EventTriggers;
import dev.cairn.NotFoundException;
import dev.cairn.PushedEvent;
import dev.cairn.RateLimits;
import dev.cairn.RunEvent;
import dev.cairn.RunHandle;
import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.Runs;
import dev.cairn.Schedules;
import dev.cairn.Subscription;
import dev.cairn.TokenInfo;
import dev.cairn.TriggerOptions;
import dev.cairn.WorkerPage;
import dev.cairn.Workers;
import dev.cairn.WorkflowRef;
import dev.cairn.Workflows;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.wire.ClientChannels;
import dev.cairn.internal.wire.EventWire;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.internal.wire.WorkerWire;
import dev.cairn.proto.v1.AdminServiceGrpc;
import dev.cairn.proto.v1.AuthServiceGrpc;
import dev.cairn.proto.v1.AwaitRunRequest;
import dev.cairn.proto.v1.BulkRunsResponse;
import dev.cairn.proto.v1.BulkTriggerRequest;
import dev.cairn.proto.v1.CancelRunRequest;
import dev.cairn.proto.v1.CancelRunsRequest;
import dev.cairn.proto.v1.DeleteRunRequest;
import dev.cairn.proto.v1.DeleteRunsRequest;
import dev.cairn.proto.v1.GetRunRequest;
import dev.cairn.proto.v1.ListEventsRequest;
import dev.cairn.proto.v1.ListPushedEventsRequest;
import dev.cairn.proto.v1.ListRateLimitsRequest;
import dev.cairn.proto.v1.ListRunsRequest;
import dev.cairn.proto.v1.ListRunsResponse;
import dev.cairn.proto.v1.ListWorkersResponse;
import dev.cairn.proto.v1.PushEventRequest;
import dev.cairn.proto.v1.RateLimitSetting;
import dev.cairn.proto.v1.ReplayRunRequest;
import dev.cairn.proto.v1.ReplayRunsRequest;
import dev.cairn.proto.v1.RunFilter;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.ScheduleServiceGrpc;
import dev.cairn.proto.v1.SetRateLimitRequest;
import dev.cairn.proto.v1.TriggerAndAwaitRequest;
import dev.cairn.proto.v1.TriggerAndAwaitResponse;
import dev.cairn.proto.v1.TriggerRequest;
import dev.cairn.proto.v1.WatchRunRequest;
import dev.cairn.proto.v1.WatchRunsRequest;
import dev.cairn.proto.v1.WhoAmIRequest;
import dev.cairn.proto.v1.WorkflowServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client of a Cairn engine's run service over gRPC, authenticated with a bearer token (role client or admin):
 * the {@link Runs} interface, as the embedded engine offers it.
 * Errors arrive as {@link CairnException}s carrying the server's message. Thread-safe; close it when done.
 *
 * <pre>{@code
 * try (CairnClient client = CairnClient.builder("localhost:7233").token(secret).build()) {
 *   Shipment shipment = client.trigger(FULFILMENT, order).result(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class CairnClient implements Runs, AutoCloseable {
  private final ManagedChannel channel;
  /** Longest wait the engine accepts for one AwaitRun or TriggerAndAwait call. */
  private static final long MAX_AWAIT_MILLIS = 60_000;
  private final RunServiceGrpc.RunServiceBlockingStub blocking;
  private final RunServiceGrpc.RunServiceStub async;
  private final AuthServiceGrpc.AuthServiceBlockingStub auth;
  private final AdminServiceGrpc.AdminServiceBlockingStub admin;
  private final PayloadCodec codec = new PayloadCodec();
  private final Schedules schedules;
  private final Workflows workflows;
  private final EventTriggers eventTriggers;

  private CairnClient(ManagedChannel channel, String token) {
    this.channel = channel;
    CallCredentials credentials = ClientChannels.bearer(token);
    this.blocking = RunServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    this.async = RunServiceGrpc.newStub(channel).withCallCredentials(credentials);
    this.auth = AuthServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    this.admin = AdminServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    this.schedules = new RemoteSchedules(ScheduleServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(credentials), codec);
    WorkflowServiceGrpc.WorkflowServiceBlockingStub workflowService = WorkflowServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(credentials);
    this.workflows = new RemoteWorkflows(workflowService);
    this.eventTriggers = new RemoteEventTriggers(workflowService);
  }

  /** @param target host:port of an engine's gRPC server */
  public static Builder builder(String target) {
    return new Builder(target);
  }

  /** Triggers a run; the input is sent as JSON (the existing run for a known idempotency key). */
  @Override
  public <I, O> RunHandle<O> trigger(WorkflowRef<I, O> workflow, I input, TriggerOptions options) {
    UUID id = UUID.fromString(call(() -> blocking.trigger(request(workflow.name(), input, options))).getRunId());
    return new RunHandle<>(id, this, workflow.outputType());
  }

  /** Triggers one run per input in one transaction; handles in input order. */
  @Override
  public List<RunHandle<Object>> triggerAll(String workflowName, List<?> inputs, TriggerOptions options) {
    BulkTriggerRequest.Builder bulk = BulkTriggerRequest.newBuilder();
    inputs.forEach(input -> bulk.addRuns(request(workflowName, input, options)));
    return call(() -> blocking.bulkTrigger(bulk.build())).getRunIdsList().stream()
        .map(id -> new RunHandle<>(UUID.fromString(id), this, Object.class)).toList();
  }

  private TriggerRequest request(String workflowName, Object input, TriggerOptions options) {
    TriggerRequest.Builder request = TriggerRequest.newBuilder().setWorkflowName(workflowName)
        .setInputJson(codec.encode(input)).putAllMetadata(options.metadata()).setPriority(options.priority())
        .setIdempotencyKey(options.idempotencyKey() == null ? "" : options.idempotencyKey());
    if (options.runAt() != null) {
      request.setRunAt(ProtoMapping.timestamp(options.runAt()));
    }
    if (options.delay() != null) {
      request.setDelayMs(options.delay().toMillis());
    }
    if (options.timeout() != null) {
      request.setTimeoutMs(options.timeout().toMillis());
    }
    return request.build();
  }

  @Override
  public RunView getRun(UUID runId) {
    return ProtoViews.view(call(() -> blocking.getRun(GetRunRequest.newBuilder().setRunId(runId.toString())
        .build())), codec);
  }

  @Override
  public List<RunEvent> events(UUID runId, long afterSeq, int limit) {
    return call(() -> blocking.listEvents(ListEventsRequest.newBuilder().setRunId(runId.toString())
        .setAfterSeq(afterSeq).setLimit(limit).build())).getEventsList().stream().map(ProtoMapping::event).toList();
  }

  @Override
  public RunPage listRuns(RunQuery query) {
    ListRunsRequest.Builder request = ListRunsRequest.newBuilder().putAllMetadata(query.metadata())
        .setPageSize(query.pageSize()).setPageToken(query.pageToken() == null ? "" : query.pageToken())
        .setWorkflowName(query.workflowName() == null ? "" : query.workflowName());
    query.statuses().forEach(status -> request.addStatuses(ProtoMapping.runStatus(status)));
    if (query.createdFrom() != null) {
      request.setCreatedFrom(ProtoMapping.timestamp(query.createdFrom()));
    }
    if (query.createdTo() != null) {
      request.setCreatedTo(ProtoMapping.timestamp(query.createdTo()));
    }
    ListRunsResponse response = call(() -> blocking.listRuns(request.build()));
    List<RunSummary> runs = response.getRunsList().stream().map(ProtoViews::summary).toList();
    return new RunPage(runs, response.getNextPageToken().isEmpty() ? null : response.getNextPageToken());
  }

  @Override
  public CancelResult cancel(UUID runId) {
    return call(() -> blocking.cancelRun(CancelRunRequest.newBuilder().setRunId(runId.toString()).build()))
        .getCancelled() ? CancelResult.CANCELLED : CancelResult.ALREADY_FINISHED;
  }

  @Override
  public void replay(UUID runId) {
    call(() -> blocking.replayRun(ReplayRunRequest.newBuilder().setRunId(runId.toString()).build()));
  }

  @Override
  public void pushEvent(String key, Object payload) {
    push(EventPush.builder(key).payload(payload).build());
  }

  @Override
  public BulkResult cancelAll(RunQuery query) {
    BulkRunsResponse result = call(() -> blocking.cancelRuns(CancelRunsRequest.newBuilder().setFilter(filter(query))
        .build()));
    return new BulkResult(result.getMatched(), result.getChanged());
  }

  @Override
  public BulkResult replayAll(RunQuery query) {
    BulkRunsResponse result = call(() -> blocking.replayRuns(ReplayRunsRequest.newBuilder().setFilter(filter(query))
        .build()));
    return new BulkResult(result.getMatched(), result.getChanged());
  }

  @Override
  public void delete(UUID runId) {
    call(() -> blocking.deleteRun(DeleteRunRequest.newBuilder().setRunId(runId.toString()).build()));
  }

  @Override
  public BulkResult deleteAll(RunQuery query) {
    BulkRunsResponse result = call(() -> blocking.deleteRuns(DeleteRunsRequest.newBuilder().setFilter(filter(query))
        .build()));
    return new BulkResult(result.getMatched(), result.getChanged());
  }

  private static RunFilter filter(RunQuery query) {
    RunFilter.Builder filter = RunFilter.newBuilder().putAllMetadata(query.metadata())
        .setWorkflowName(query.workflowName() == null ? "" : query.workflowName());
    query.statuses().forEach(status -> filter.addStatuses(ProtoMapping.runStatus(status)));
    if (query.createdFrom() != null) {
      filter.setCreatedFrom(ProtoMapping.timestamp(query.createdFrom()));
    }
    if (query.createdTo() != null) {
      filter.setCreatedTo(ProtoMapping.timestamp(query.createdTo()));
    }
    return filter.build();
  }

  @Override
  public PushedEvent push(EventPush event) {
    return EventWire.event(call(() -> blocking.pushEvent(PushEventRequest.newBuilder().setKey(event.key())
        .setPayloadJson(codec.encode(event.payload())).setEventId(event.eventId() == null ? "" : event.eventId())
        .putAllMetadata(event.metadata()).build())).getEvent());
  }

  @Override
  public List<PushedEvent> pushedEvents(String key, int limit) {
    return call(() -> blocking.listPushedEvents(ListPushedEventsRequest.newBuilder().setKey(key == null ? "" : key)
        .setLimit(limit).build())).getEventsList().stream().map(EventWire::event).toList();
  }

  /** Streams the run's events (on a gRPC thread, in order); see {@link Runs#watch}. */
  @Override
  public Subscription watch(UUID runId, long afterSeq, Consumer<RunEvent> consumer, Consumer<Throwable> onEnd) {
    EventStream<WatchRunRequest> stream = new EventStream<>(afterSeq, consumer, onEnd);
    async.watchRun(WatchRunRequest.newBuilder().setRunId(runId.toString()).setAfterSeq(afterSeq).build(), stream);
    return stream;
  }

  @Override
  public Subscription watchRuns(Map<String, String> metadata, Instant since, Consumer<RunEvent> consumer,
      Consumer<Throwable> onEnd) {
    EventStream<WatchRunsRequest> stream = new EventStream<>(0, consumer, onEnd);
    async.watchRuns(WatchRunsRequest.newBuilder().putAllMetadata(metadata).setSince(ProtoMapping.timestamp(since))
        .build(), stream);
    return stream;
  }

  /** Waits until the run is final and returns it: the engine waits, up to a minute per call. */
  @Override
  public RunView await(UUID runId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long waitMs = Math.max(1, Math.min(MAX_AWAIT_MILLIS, (deadline - System.nanoTime()) / 1_000_000));
      RunView run = ProtoViews.view(call(() -> blocking.awaitRun(AwaitRunRequest.newBuilder()
          .setRunId(runId.toString()).setWaitMs(waitMs).build())), codec);
      if (run.status().isFinal()) {
        return run;
      }
      if (deadline - System.nanoTime() <= 0) {
        throw new CairnException("run " + runId + " is not final after " + timeout);
      }
    }
  }

  /** Starts a run and waits until it is final, in one call (see {@link Runs#triggerAndAwait}). */
  @Override
  public RunView triggerAndAwait(String workflowName, Object input, TriggerOptions options, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long waitMs = Math.max(1, Math.min(MAX_AWAIT_MILLIS, timeout.toMillis()));
    UUID id = null;
    RunView run = null;
    Iterator<TriggerAndAwaitResponse> answers = call(() -> blocking.triggerAndAwait(TriggerAndAwaitRequest.newBuilder()
        .setTrigger(request(workflowName, input, options)).setWaitMs(waitMs).build()));
    while (call(answers::hasNext)) {
      TriggerAndAwaitResponse answer = call(answers::next);
      if (answer.hasRun()) {
        run = ProtoViews.view(answer.getRun(), codec);
      } else {
        id = UUID.fromString(answer.getRunId());
      }
    }
    if (run != null && run.status().isFinal()) {
      return run;
    }
    if (id == null) {
      throw new CairnException("the engine ended the call without a run id");
    }
    return await(id, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
  }

  /**
   * The engine's cron schedules, through its ScheduleService (a client or admin token). An unknown schedule raises
   * {@link NotFoundException}; other refusals {@link CairnException} with the server's message.
   */
  public Schedules schedules() {
    return schedules;
  }

  /** Workflows started by pushed events, through the engine's WorkflowService (a client or admin token). */
  public EventTriggers eventTriggers() {
    return eventTriggers;
  }

  /** Pausing and resuming the engine's workflows, through its WorkflowService (a client or admin token). */
  public Workflows workflows() {
    return workflows;
  }

  /** The engine's static rate limits, through the AdminService (the token must have the role admin). */
  public RateLimits rateLimits() {
    return new RateLimits() {
      @Override
      public void set(String name, int units, Duration period) {
        call(() -> admin.setRateLimit(SetRateLimitRequest.newBuilder().setLimit(RateLimitSetting.newBuilder()
            .setName(name).setUnits(units).setPeriodMs(period.toMillis())).build()));
      }

      @Override
      public Optional<Limit> get(String name) {
        return list().stream().filter(limit -> limit.name().equals(name)).findFirst();
      }

      @Override
      public List<Limit> list() {
        return call(() -> admin.listRateLimits(ListRateLimitsRequest.getDefaultInstance())).getLimitsList().stream()
            .map(limit -> new Limit(limit.getName(), limit.getUnits(), Duration.ofMillis(limit.getPeriodMs())))
            .toList();
      }
    };
  }

  /**
   * The engine's worker inventory, through the AdminService (the token must have the role admin): the workers
   * connected to any node of its database, the nodes' own slots and the workers gone within the last day.
   */
  public Workers workers() {
    return query -> {
      ListWorkersResponse page = call(() -> admin.listWorkers(WorkerWire.request(query)));
      return new WorkerPage(page.getWorkersList().stream().map(WorkerWire::worker).toList(),
          ProtoMapping.emptyToNull(page.getNextPageToken()));
    };
  }

  /** The token this client authenticates with, as the engine knows it (never its secret). */
  public TokenInfo whoAmI() {
    return ProtoMapping.token(call(() -> auth.whoAmI(WhoAmIRequest.getDefaultInstance())).getToken());
  }

  /**
   * Asks the engine whether {@code secret} is a valid token (known, unexpired, unrevoked), e.g. to protect an HTTP
   * endpoint with the same tokens as the gRPC API. Empty when it is not.
   *
   * @throws CairnException if the engine cannot be asked (unreachable, unavailable)
   */
  public Optional<TokenInfo> verifyToken(String secret) {
    try {
      return Optional.of(ProtoMapping.token(AuthServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(ClientChannels.bearer(secret)).whoAmI(WhoAmIRequest.getDefaultInstance()).getToken()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
        return Optional.empty();
      }
      throw new CairnException(e.getStatus().getCode() + ": " + e.getStatus().getDescription(), e);
    }
  }

  @Override
  public void close() {
    ClientChannels.close(channel);
  }

  /** Makes a call; a refusal becomes a {@link CairnException} (NOT_FOUND a {@link NotFoundException}). */
  static <T> T call(Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      String message = e.getStatus().getCode() + ": " + e.getStatus().getDescription();
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new NotFoundException(message);
      }
      throw new CairnException(message, e);
    }
  }

  /** Builds a {@link CairnClient}. Not thread-safe. */
  public static final class Builder {
    private final String target;
    private String token;
    private Path trustedCertificates;
    private int maxMessageBytes = 16 * 1024 * 1024;
    private OpenTelemetry openTelemetry;

    private Builder(String target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    /** The bearer token (role client or admin). */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Connect with TLS, trusting these PEM certificates. Default: plain text. */
    public Builder tls(Path trustedCertificates) {
      this.trustedCertificates = trustedCertificates;
      return this;
    }

    public Builder maxMessageBytes(int bytes) {
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * Whose propagator sends the caller's current trace context with every call, so the runs it triggers continue
     * the caller's trace. Default: the {@link GlobalOpenTelemetry} set when this is built (the Java agent sets it
     * before {@code main}); without one, the W3C {@code traceparent} header.
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    public CairnClient build() {
      return new CairnClient(ClientChannels.open(target, trustedCertificates, maxMessageBytes,
          openTelemetry != null ? openTelemetry : GlobalOpenTelemetry.getOrNoop()), token);
    }
  }
}
