package dev.cairn.internal.grpc;

import dev.cairn.BulkResult;
import dev.cairn.CairnException;
import dev.cairn.CancelResult;
import dev.cairn.EventPush;
import dev.cairn.NotFoundException;
import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunSummary;
import dev.cairn.Subscription;
import dev.cairn.TriggerOptions;
import dev.cairn.db.RunRow;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.codec.RawJson;
import dev.cairn.internal.runs.RunReader;
import dev.cairn.internal.runs.RunService;
import dev.cairn.internal.runs.Subscriber;
import dev.cairn.internal.runs.Triggerer;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.wire.EventWire;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.AwaitRunRequest;
import dev.cairn.proto.v1.BulkRunsResponse;
import dev.cairn.proto.v1.BulkTriggerRequest;
import dev.cairn.proto.v1.BulkTriggerResponse;
import dev.cairn.proto.v1.CancelRunRequest;
import dev.cairn.proto.v1.CancelRunResponse;
import dev.cairn.proto.v1.CancelRunsRequest;
import dev.cairn.proto.v1.DeleteRunRequest;
import dev.cairn.proto.v1.DeleteRunResponse;
import dev.cairn.proto.v1.DeleteRunsRequest;
import dev.cairn.proto.v1.GetRunRequest;
import dev.cairn.proto.v1.ListEventsRequest;
import dev.cairn.proto.v1.ListEventsResponse;
import dev.cairn.proto.v1.ListPushedEventsRequest;
import dev.cairn.proto.v1.ListPushedEventsResponse;
import dev.cairn.proto.v1.ListRunsRequest;
import dev.cairn.proto.v1.ListRunsResponse;
import dev.cairn.proto.v1.PushEventRequest;
import dev.cairn.proto.v1.PushEventResponse;
import dev.cairn.proto.v1.ReplayRunRequest;
import dev.cairn.proto.v1.ReplayRunResponse;
import dev.cairn.proto.v1.ReplayRunsRequest;
import dev.cairn.proto.v1.RunFilter;
import dev.cairn.proto.v1.Run;
import dev.cairn.proto.v1.RunEvent;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.TriggerAndAwaitRequest;
import dev.cairn.proto.v1.TriggerAndAwaitResponse;
import dev.cairn.proto.v1.TriggerRequest;
import dev.cairn.proto.v1.TriggerResponse;
import dev.cairn.proto.v1.WatchRunRequest;
import dev.cairn.proto.v1.WatchRunsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The run service over gRPC. It maps requests to the engine's calls, which check every value (so the embedded API
 * gets the same checks), and answers with the status {@link Statuses} maps an exception to; a refused request
 * changes nothing. Streams are checked before anything is subscribed. Thread-safe.
 */
final class GrpcRunService extends RunServiceGrpc.RunServiceImplBase {
  /** Events in a page of ListEvents when the request does not say. */
  static final int DEFAULT_EVENT_PAGE = 100;
  /** Longest wait of one AwaitRun or TriggerAndAwait call (a client waiting longer calls again). */
  public static final Duration MAX_AWAIT = Duration.ofMinutes(1);
  private final RunService runs;
  private final PayloadCodec codec;

  GrpcRunService(RunService runs, PayloadCodec codec) {
    this.runs = runs;
    this.codec = codec;
  }

  @Override
  public void trigger(TriggerRequest request, StreamObserver<TriggerResponse> response) {
    Unary.answer(response, () -> TriggerResponse.newBuilder()
        .setRunId(trigger(List.of(request)).get(0).toString()).build());
  }

  @Override
  public void bulkTrigger(BulkTriggerRequest request, StreamObserver<BulkTriggerResponse> response) {
    Unary.answer(response, () -> {
      if (request.getRunsCount() == 0) {
        throw Statuses.invalid("runs must not be empty");
      }
      BulkTriggerResponse.Builder ids = BulkTriggerResponse.newBuilder();
      trigger(request.getRunsList()).forEach(id -> ids.addRunIds(id.toString()));
      return ids.build();
    });
  }

  /** Maps trigger requests; an entry of several is named in a refusal as {@code runs[i]: }. */
  private List<UUID> trigger(List<TriggerRequest> requests) {
    List<Triggerer.Request> mapped = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      TriggerRequest request = requests.get(i);
      String where = requests.size() == 1 ? "" : "runs[" + i + "]: ";
      TriggerOptions options;
      try {
        TriggerOptions.Builder builder = TriggerOptions.builder().metadata(request.getMetadataMap())
            .priority(request.getPriority()).idempotencyKey(ProtoMapping.emptyToNull(request.getIdempotencyKey()));
        if (request.hasRunAt() && request.getDelayMs() != 0) {
          throw new IllegalArgumentException("run_at and delay_ms are exclusive; set one");
        }
        if (request.hasRunAt()) {
          builder.runAt(ProtoMapping.instant("run_at", request.getRunAt()));
        }
        if (request.getDelayMs() != 0) {
          builder.delay(Ranges.millis("delay_ms", request.getDelayMs(), Duration.ZERO, TriggerOptions.MAX_DELAY));
        }
        if (request.getTimeoutMs() != 0) {
          builder.timeout(Ranges.millis("timeout_ms", request.getTimeoutMs(), Duration.ofMillis(1),
              TriggerOptions.MAX_DELAY));
        }
        options = builder.build();
      } catch (IllegalArgumentException e) {
        throw Statuses.invalid(where + e.getMessage());
      }
      mapped.add(new Triggerer.Request(request.getWorkflowName(), json("input_json", request.getInputJson()),
          options));
    }
    return runs.trigger(mapped);
  }

  @Override
  public void getRun(GetRunRequest request, StreamObserver<Run> response) {
    Unary.answer(response, () -> {
      UUID id = ProtoMapping.runId("run_id", request.getRunId());
      return ProtoMapping.run(runs.find(id).orElseThrow(() -> notFound(id)));
    });
  }

  @Override
  public void awaitRun(AwaitRunRequest request, StreamObserver<Run> response) {
    Unary.answer(response, () -> {
      UUID id = ProtoMapping.runId("run_id", request.getRunId());
      Duration wait = waitOf(request.getWaitMs());
      try {
        return ProtoMapping.run(runs.awaitAtMost(id, wait));
      } catch (NotFoundException e) {
        throw notFound(id);
      }
    });
  }

  @Override
  public void triggerAndAwait(TriggerAndAwaitRequest request, StreamObserver<TriggerAndAwaitResponse> response) {
    UUID id;
    Duration wait;
    try {
      if (!request.hasTrigger()) {
        throw Statuses.invalid("trigger must be set");
      }
      wait = waitOf(request.getWaitMs());
      id = withinTrigger(() -> trigger(List.of(request.getTrigger())).get(0));
    } catch (RuntimeException e) {
      response.onError(Statuses.of(e));
      return;
    }
    response.onNext(TriggerAndAwaitResponse.newBuilder().setRunId(id.toString()).build());
    try {
      response.onNext(TriggerAndAwaitResponse.newBuilder().setRun(ProtoMapping.run(runs.awaitAtMost(id, wait)))
          .build());
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(Statuses.of(e));
    }
  }

  /** Runs a trigger nested in a request: a refusal names its field within it ({@code trigger.workflow_name}). */
  private static <T> T withinTrigger(Supplier<T> trigger) {
    try {
      return trigger.get();
    } catch (RuntimeException e) {
      StatusRuntimeException status = Statuses.of(e);
      throw status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
          ? Statuses.invalid("trigger." + status.getStatus().getDescription()) : status;
    }
  }

  /** How long an await may hold its call: 1 ms .. {@link #MAX_AWAIT}. */
  private static Duration waitOf(long waitMs) {
    return Duration.ofMillis(Ranges.between("wait_ms", waitMs, 1, MAX_AWAIT.toMillis()));
  }

  @Override
  public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> response) {
    Unary.answer(response, () -> {
      int limit = request.getLimit() == 0 ? DEFAULT_EVENT_PAGE
          : (int) Ranges.between("limit", request.getLimit(), 1, RunReader.MAX_EVENTS);
      RunRow run = existingRun(request.getRunId());
      checkAfterSeq(request.getAfterSeq(), run);
      ListEventsResponse.Builder answer = ListEventsResponse.newBuilder();
      runs.events(run.id(), request.getAfterSeq(), limit).forEach(event -> answer.addEvents(ProtoMapping.event(event)));
      return answer.build();
    });
  }

  /** A position in a run's event log must lie within it: 0 (from the start) up to its last event. */
  private static void checkAfterSeq(long afterSeq, RunRow run) {
    if (afterSeq < 0 || afterSeq > run.lastEventSeq()) {
      throw Statuses.invalid("after_seq " + afterSeq + " is outside the run's log (0.." + run.lastEventSeq() + ")");
    }
  }

  @Override
  public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> response) {
    Unary.answer(response, () -> {
      RunPage page = runs.list(query(request));
      ListRunsResponse.Builder answer = ListRunsResponse.newBuilder()
          .setNextPageToken(ProtoMapping.nullToEmpty(page.nextPageToken()));
      for (RunSummary run : page.runs()) {
        answer.addRuns(ProtoMapping.run(run));
      }
      return answer.build();
    });
  }

  private static RunQuery query(ListRunsRequest request) {
    RunQuery.Builder query = RunQuery.builder().metadata(request.getMetadataMap())
        .workflow(ProtoMapping.emptyToNull(request.getWorkflowName()))
        .pageToken(ProtoMapping.emptyToNull(request.getPageToken()));
    for (int i = 0; i < request.getStatusesCount(); i++) {
      query.status(ProtoMapping.runStatus("statuses[" + i + "]", request.getStatusesValue(i)));
    }
    if (request.hasCreatedFrom()) {
      query.createdFrom(ProtoMapping.instant("created_from", request.getCreatedFrom()));
    }
    if (request.hasCreatedTo()) {
      query.createdTo(ProtoMapping.instant("created_to", request.getCreatedTo()));
    }
    if (request.getPageSize() != 0) {
      query.pageSize(request.getPageSize());
    }
    return query.build();
  }

  @Override
  public void cancelRuns(CancelRunsRequest request, StreamObserver<BulkRunsResponse> response) {
    Unary.answer(response, () -> bulk(runs.cancelAll(filter(request.getFilter()))));
  }

  @Override
  public void replayRuns(ReplayRunsRequest request, StreamObserver<BulkRunsResponse> response) {
    Unary.answer(response, () -> bulk(runs.replayAll(filter(request.getFilter()))));
  }

  @Override
  public void deleteRun(DeleteRunRequest request, StreamObserver<DeleteRunResponse> response) {
    Unary.answer(response, () -> {
      control(request.getRunId(), runs::delete);
      return DeleteRunResponse.getDefaultInstance();
    });
  }

  @Override
  public void deleteRuns(DeleteRunsRequest request, StreamObserver<BulkRunsResponse> response) {
    Unary.answer(response, () -> bulk(runs.deleteAll(filter(request.getFilter()))));
  }

  /** A bulk operation's filter as a query (its page size and token are unused). */
  private static RunQuery filter(RunFilter filter) {
    // workflow() checks the name at once: inside prefixed, so a refusal names filter.workflow_name.
    RunQuery.Builder query = prefixed("filter.", () -> RunQuery.builder().metadata(filter.getMetadataMap())
        .workflow(ProtoMapping.emptyToNull(filter.getWorkflowName())));
    for (int i = 0; i < filter.getStatusesCount(); i++) {
      query.status(ProtoMapping.runStatus("filter.statuses[" + i + "]", filter.getStatusesValue(i)));
    }
    if (filter.hasCreatedFrom()) {
      query.createdFrom(ProtoMapping.instant("filter.created_from", filter.getCreatedFrom()));
    }
    if (filter.hasCreatedTo()) {
      query.createdTo(ProtoMapping.instant("filter.created_to", filter.getCreatedTo()));
    }
    return prefixed("filter.", query::build);
  }

  private static <T> T prefixed(String prefix, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + e.getMessage(), e);
    }
  }

  private static BulkRunsResponse bulk(BulkResult result) {
    return BulkRunsResponse.newBuilder().setMatched(result.matched()).setChanged(result.changed()).build();
  }

  @Override
  public void cancelRun(CancelRunRequest request, StreamObserver<CancelRunResponse> response) {
    Unary.answer(response, () -> {
      UUID id = existingRun(request.getRunId()).id();
      return CancelRunResponse.newBuilder().setCancelled(runs.cancel(id) == CancelResult.CANCELLED).build();
    });
  }

  @Override
  public void replayRun(ReplayRunRequest request, StreamObserver<ReplayRunResponse> response) {
    Unary.answer(response, () -> {
      control(request.getRunId(), runs::replay);
      return ReplayRunResponse.getDefaultInstance();
    });
  }

  @Override
  public void pushEvent(PushEventRequest request, StreamObserver<PushEventResponse> response) {
    Unary.answer(response, () -> {
      EventPush push = EventPush.builder(request.getKey()).payload(json("payload_json", request.getPayloadJson()))
          .eventId(ProtoMapping.emptyToNull(request.getEventId())).metadata(request.getMetadataMap()).build();
      return PushEventResponse.newBuilder().setEvent(EventWire.event(runs.push(push))).build();
    });
  }

  @Override
  public void listPushedEvents(ListPushedEventsRequest request, StreamObserver<ListPushedEventsResponse> response) {
    Unary.answer(response, () -> {
      ListPushedEventsResponse.Builder list = ListPushedEventsResponse.newBuilder();
      runs.pushedEvents(ProtoMapping.emptyToNull(request.getKey()), request.getLimit() == 0 ? 100 : request.getLimit())
          .forEach(event -> list.addEvents(EventWire.event(event)));
      return list.build();
    });
  }

  @Override
  public void watchRun(WatchRunRequest request, StreamObserver<RunEvent> response) {
    ServerCallStreamObserver<RunEvent> stream = (ServerCallStreamObserver<RunEvent>) response;
    RunRow run;
    try {
      run = existingRun(request.getRunId());
      checkAfterSeq(request.getAfterSeq(), run);
    } catch (RuntimeException e) {
      response.onError(Statuses.of(e));
      return;
    }
    // The feed ends the subscription after the run's final event, or at once if the run already ended there.
    subscribe(stream, () -> runs.watch(run.id(), request.getAfterSeq(), subscriber(stream)));
  }

  @Override
  public void watchRuns(WatchRunsRequest request, StreamObserver<RunEvent> response) {
    ServerCallStreamObserver<RunEvent> stream = (ServerCallStreamObserver<RunEvent>) response;
    Instant since;
    try {
      since = request.hasSince() ? ProtoMapping.instant("since", request.getSince()) : null;
    } catch (RuntimeException e) {
      response.onError(Statuses.of(e));
      return;
    }
    subscribe(stream, () -> runs.watchRuns(request.getMetadataMap(), since, subscriber(stream)));
  }

  /**
   * Subscribes a stream and returns its subscription, or answers the stream with the status of the refusal and
   * returns null (the feed checks a filter before it subscribes anything). The subscription ends when the client
   * cancels.
   */
  private Subscription subscribe(ServerCallStreamObserver<RunEvent> stream, Supplier<Subscription> feed) {
    AtomicReference<Subscription> subscription = new AtomicReference<>();
    stream.setOnCancelHandler(() -> close(subscription.get()));
    // Flow control: the feed holds back while the client's stream is full and resumes when it drains.
    stream.setOnReadyHandler(runs::subscriberReady);
    try {
      subscription.set(feed.get());
    } catch (RuntimeException e) {
      stream.onError(Statuses.of(e));
      return null;
    }
    if (stream.isCancelled()) {
      close(subscription.get());
    }
    return subscription.get();
  }

  private static void close(Subscription subscription) {
    if (subscription != null) {
      subscription.close();
    }
  }

  /** Ends a stream whose subscription the feed closed (its reads kept failing), unless the client left. */
  /**
   * Feeds a stream: events while the client is there, completion when the feed ends the subscription after a run's
   * final event, the status of the error when it gives up on it. All on the feed thread (or, for a subscription
   * that ends at once, on the calling thread before anything else was sent).
   */
  private static Subscriber subscriber(ServerCallStreamObserver<RunEvent> stream) {
    return new Subscriber(event -> {
      if (!stream.isCancelled()) {
        stream.onNext(ProtoMapping.event(event));
      }
    }, stream::isReady, error -> {
      if (stream.isCancelled()) {
        return;
      }
      if (error == null) {
        stream.onCompleted();
      } else {
        stream.onError(Statuses.of(error));
      }
    });
  }

  /**
   * Acts on an existing run; the engine refusing it (the run is in the wrong state) is FAILED_PRECONDITION naming
   * run_id.
   */
  private void control(String runId, Consumer<UUID> action) {
    UUID id = existingRun(runId).id();
    try {
      action.accept(id);
    } catch (IllegalStateException | CairnException e) {
      throw Statuses.precondition("run_id: " + e.getMessage());
    }
  }

  private RunRow existingRun(String runId) {
    UUID id = ProtoMapping.runId("run_id", runId);
    return runs.row(id).orElseThrow(() -> notFound(id));
  }

  /** JSON text from a field: empty means null; anything else is checked and stored as sent. */
  private static RawJson json(String field, String text) {
    return text.isEmpty() ? null : new RawJson(field, text);
  }

  private static StatusRuntimeException notFound(UUID runId) {
    return Status.NOT_FOUND.withDescription("run_id " + runId + " names no run").asRuntimeException();
  }
}
