package dev.cairn.client;

import dev.cairn.CairnException;
import dev.cairn.CancelResult;
import dev.cairn.RunEvent;
import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.StepStatus;
import dev.cairn.StepView;
import dev.cairn.Subscription;
import dev.cairn.TokenInfo;
import dev.cairn.TriggerOptions;
import dev.cairn.proto.v1.AuthServiceGrpc;
import dev.cairn.proto.v1.WhoAmIRequest;
import java.util.Optional;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.grpc.ClientChannels;
import dev.cairn.internal.grpc.ProtoMapping;
import dev.cairn.proto.v1.BulkTriggerRequest;
import dev.cairn.proto.v1.CancelRunRequest;
import dev.cairn.proto.v1.GetRunRequest;
import dev.cairn.proto.v1.ListRunsRequest;
import dev.cairn.proto.v1.ListRunsResponse;
import dev.cairn.proto.v1.PushEventRequest;
import dev.cairn.proto.v1.ReplayRunRequest;
import dev.cairn.proto.v1.Run;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.Step;
import dev.cairn.proto.v1.TriggerRequest;
import dev.cairn.proto.v1.WatchRunRequest;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client of a Cairn engine's run service over gRPC, authenticated with a bearer token (role client or admin).
 * Errors arrive as {@link CairnException}s carrying the server's message. Thread-safe; close it when done.
 *
 * <pre>{@code
 * try (CairnClient client = CairnClient.builder("localhost:7233").token(secret).build()) {
 *   UUID run = client.trigger("order-fulfilment", order, TriggerOptions.NONE);
 *   Shipment shipment = client.await(run, Duration.ofMinutes(1)).output("ship", Shipment.class);
 * }
 * }</pre>
 */
public final class CairnClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final RunServiceGrpc.RunServiceBlockingStub blocking;
  private final RunServiceGrpc.RunServiceStub async;
  private final AuthServiceGrpc.AuthServiceBlockingStub auth;
  private final PayloadCodec codec = new PayloadCodec();

  private CairnClient(ManagedChannel channel, String token) {
    this.channel = channel;
    CallCredentials credentials = ClientChannels.bearer(token);
    this.blocking = RunServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    this.async = RunServiceGrpc.newStub(channel).withCallCredentials(credentials);
    this.auth = AuthServiceGrpc.newBlockingStub(channel).withCallCredentials(credentials);
  }

  /** @param target host:port of an engine's gRPC server */
  public static Builder builder(String target) {
    return new Builder(target);
  }

  /** Triggers a run; the input is sent as JSON. @return the run id (the existing one for a known idempotency key) */
  public UUID trigger(String workflowName, Object input, TriggerOptions options) {
    return UUID.fromString(call(() -> blocking.trigger(request(workflowName, input, options))).getRunId());
  }

  /** Triggers one run per input in one transaction; ids in input order. */
  public List<UUID> triggerAll(String workflowName, List<?> inputs, TriggerOptions options) {
    BulkTriggerRequest.Builder bulk = BulkTriggerRequest.newBuilder();
    inputs.forEach(input -> bulk.addRuns(request(workflowName, input, options)));
    return call(() -> blocking.bulkTrigger(bulk.build())).getRunIdsList().stream().map(UUID::fromString).toList();
  }

  private TriggerRequest request(String workflowName, Object input, TriggerOptions options) {
    return TriggerRequest.newBuilder().setWorkflowName(workflowName).setInputJson(codec.encode(input))
        .putAllMetadata(options.metadata()).setPriority(options.priority())
        .setIdempotencyKey(options.idempotencyKey() == null ? "" : options.idempotencyKey()).build();
  }

  /** @throws CairnException if there is no such run */
  public RunView getRun(UUID runId) {
    return view(call(() -> blocking.getRun(GetRunRequest.newBuilder().setRunId(runId.toString()).build())));
  }

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
    List<RunSummary> runs = new ArrayList<>();
    for (Run run : response.getRunsList()) {
      runs.add(new RunSummary(UUID.fromString(run.getId()), run.getWorkflowName(), status(run),
          run.getMetadataMap(), ProtoMapping.emptyToNull(run.getError()), ProtoMapping.instant(run.getCreatedAt()),
          run.hasStartedAt() ? ProtoMapping.instant(run.getStartedAt()) : null,
          run.hasFinishedAt() ? ProtoMapping.instant(run.getFinishedAt()) : null,
          run.getParentRunId().isEmpty() ? null : UUID.fromString(run.getParentRunId())));
    }
    return new RunPage(runs, response.getNextPageToken().isEmpty() ? null : response.getNextPageToken());
  }

  public CancelResult cancel(UUID runId) {
    return call(() -> blocking.cancelRun(CancelRunRequest.newBuilder().setRunId(runId.toString()).build()))
        .getCancelled() ? CancelResult.CANCELLED : CancelResult.ALREADY_FINISHED;
  }

  public void replay(UUID runId) {
    call(() -> blocking.replayRun(ReplayRunRequest.newBuilder().setRunId(runId.toString()).build()));
  }

  public void pushEvent(String key, Object payload) {
    call(() -> blocking.pushEvent(PushEventRequest.newBuilder().setKey(key).setPayloadJson(codec.encode(payload))
        .build()));
  }

  /**
   * Streams the run's events after {@code afterSeq} to {@code consumer} (on a gRPC thread, in order) until the run
   * is final or the subscription is closed. Resume after a disconnect with {@link Subscription#lastSeq()}.
   *
   * @param onEnd called once when the stream ends: with null when the run finished, else with the error
   */
  public Subscription watch(UUID runId, long afterSeq, Consumer<RunEvent> consumer, Consumer<Throwable> onEnd) {
    Watch watch = new Watch(afterSeq, consumer, onEnd);
    async.watchRun(WatchRunRequest.newBuilder().setRunId(runId.toString()).setAfterSeq(afterSeq).build(), watch);
    return watch;
  }

  /**
   * Streams the events of every run created at or after {@code since} whose metadata contain {@code metadata},
   * until the subscription is closed.
   */
  public Subscription watchRuns(java.util.Map<String, String> metadata, java.time.Instant since,
      Consumer<RunEvent> consumer, Consumer<Throwable> onEnd) {
    Watch watch = new Watch(0, consumer, onEnd);
    async.watchRuns(dev.cairn.proto.v1.WatchRunsRequest.newBuilder().putAllMetadata(metadata)
        .setSince(ProtoMapping.timestamp(since)).build(), new ClientResponseObserver<
            dev.cairn.proto.v1.WatchRunsRequest, dev.cairn.proto.v1.RunEvent>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<dev.cairn.proto.v1.WatchRunsRequest> requestStream) {
            watch.cancelWith(requestStream);
          }

          @Override
          public void onNext(dev.cairn.proto.v1.RunEvent event) {
            watch.onNext(event);
          }

          @Override
          public void onError(Throwable error) {
            watch.onError(error);
          }

          @Override
          public void onCompleted() {
            watch.onCompleted();
          }
        });
    return watch;
  }

  /** Waits until the run is final (by watching its events) and returns it. */
  public RunView await(UUID runId, Duration timeout) {
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    long after = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      RunView run = getRun(runId);
      if (run.status().isFinal()) {
        return run;
      }
      try (Subscription watch = watch(runId, after, event -> { }, ended::complete)) {
        Throwable error = ended.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (error != null) {
          throw new CairnException("watching run " + runId + " failed: " + error.getMessage(), error);
        }
        after = watch.lastSeq();
      } catch (java.util.concurrent.TimeoutException e) {
        throw new CairnException("run " + runId + " is not final after " + timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CairnException("interrupted waiting for run " + runId, e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
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
      if (e.getStatus().getCode() == io.grpc.Status.Code.UNAUTHENTICATED) {
        return Optional.empty();
      }
      throw new CairnException(e.getStatus().getCode() + ": " + e.getStatus().getDescription(), e);
    }
  }

  @Override
  public void close() {
    ClientChannels.close(channel);
  }

  private RunView view(Run run) {
    List<StepView> steps = new ArrayList<>();
    for (Step step : run.getStepsList()) {
      steps.add(new StepView(step.getName(), StepStatus.valueOf(step.getStatus().name().substring(12)),
          step.getAttempts(), step.getFailures(), ProtoMapping.emptyToNull(step.getWorkerId()),
          step.hasQueuedAt() ? ProtoMapping.instant(step.getQueuedAt()) : null,
          step.hasStartedAt() ? ProtoMapping.instant(step.getStartedAt()) : null,
          step.hasFinishedAt() ? ProtoMapping.instant(step.getFinishedAt()) : null,
          ProtoMapping.emptyToNull(step.getOutputJson()), ProtoMapping.emptyToNull(step.getError())));
    }
    return new RunView(UUID.fromString(run.getId()), run.getWorkflowName(), status(run), run.getMetadataMap(),
        ProtoMapping.emptyToNull(run.getError()), ProtoMapping.instant(run.getCreatedAt()),
        run.hasStartedAt() ? ProtoMapping.instant(run.getStartedAt()) : null,
        run.hasFinishedAt() ? ProtoMapping.instant(run.getFinishedAt()) : null, steps, new RunView.OutputDecoder() {
          @Override
          public <T> T decode(String json, java.lang.reflect.Type type) {
            return codec.decode(json, type);
          }
        });
  }

  private static RunStatus status(Run run) {
    return ProtoMapping.runStatus(run.getStatus());
  }

  private static <T> T call(java.util.function.Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw new CairnException(e.getStatus().getCode() + ": " + e.getStatus().getDescription(), e);
    }
  }

  /** One run's event stream. */
  private final class Watch implements Subscription, ClientResponseObserver<WatchRunRequest, dev.cairn.proto.v1.RunEvent> {
    private final Consumer<RunEvent> consumer;
    private final Consumer<Throwable> onEnd;
    private volatile long lastSeq;
    private volatile ClientCallStreamObserver<?> call;

    Watch(long afterSeq, Consumer<RunEvent> consumer, Consumer<Throwable> onEnd) {
      this.lastSeq = afterSeq;
      this.consumer = consumer;
      this.onEnd = onEnd;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchRunRequest> requestStream) {
      this.call = requestStream;
    }

    void cancelWith(ClientCallStreamObserver<?> requestStream) {
      this.call = requestStream;
    }

    @Override
    public void onNext(dev.cairn.proto.v1.RunEvent event) {
      consumer.accept(ProtoMapping.event(event));
      lastSeq = event.getSeq();
    }

    @Override
    public void onError(Throwable error) {
      onEnd.accept(error);
    }

    @Override
    public void onCompleted() {
      onEnd.accept(null);
    }

    @Override
    public long lastSeq() {
      return lastSeq;
    }

    @Override
    public void close() {
      if (call != null) {
        call.cancel("closed by the subscriber", null);
      }
    }
  }

  /** Builds a {@link CairnClient}. Not thread-safe. */
  public static final class Builder {
    private final String target;
    private String token;
    private Path trustedCertificates;
    private int maxMessageBytes = 16 * 1024 * 1024;

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

    public CairnClient build() {
      return new CairnClient(ClientChannels.open(target, trustedCertificates, maxMessageBytes), token);
    }
  }
}
