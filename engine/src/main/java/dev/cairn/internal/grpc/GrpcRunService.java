package dev.cairn.internal.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnException;
import dev.cairn.CancelResult;
import dev.cairn.RunEvent;
import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunSummary;
import dev.cairn.Subscription;
import dev.cairn.TriggerOptions;
import dev.cairn.db.RunRow;
import dev.cairn.internal.Engine;
import dev.cairn.internal.client.Triggerer;
import dev.cairn.internal.codec.PayloadException;
import dev.cairn.proto.v1.BulkTriggerRequest;
import dev.cairn.proto.v1.BulkTriggerResponse;
import dev.cairn.proto.v1.CancelRunRequest;
import dev.cairn.proto.v1.CancelRunResponse;
import dev.cairn.proto.v1.GetRunRequest;
import dev.cairn.proto.v1.ListRunsRequest;
import dev.cairn.proto.v1.ListRunsResponse;
import dev.cairn.proto.v1.PushEventRequest;
import dev.cairn.proto.v1.PushEventResponse;
import dev.cairn.proto.v1.ReplayRunRequest;
import dev.cairn.proto.v1.ReplayRunResponse;
import dev.cairn.proto.v1.Run;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.TriggerRequest;
import dev.cairn.proto.v1.TriggerResponse;
import dev.cairn.proto.v1.WatchRunRequest;
import dev.cairn.proto.v1.WatchRunsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The run service over gRPC. Every handler validates first; a refused request changes nothing. Thread-safe. */
final class GrpcRunService extends RunServiceGrpc.RunServiceImplBase {
  private static final Set<String> FINAL_EVENTS = Set.of("RUN_SUCCEEDED", "RUN_FAILED", "RUN_CANCELLED");

  private final Engine engine;

  GrpcRunService(Engine engine) {
    this.engine = engine;
  }

  @Override
  public void trigger(TriggerRequest request, StreamObserver<TriggerResponse> response) {
    Unary.answer(response, () -> TriggerResponse.newBuilder()
        .setRunId(triggerAll(List.of(request)).get(0).toString()).build());
  }

  @Override
  public void bulkTrigger(BulkTriggerRequest request, StreamObserver<BulkTriggerResponse> response) {
    Unary.answer(response, () -> {
      if (request.getRunsCount() == 0) {
        throw invalid("runs must not be empty");
      }
      BulkTriggerResponse.Builder ids = BulkTriggerResponse.newBuilder();
      triggerAll(request.getRunsList()).forEach(id -> ids.addRunIds(id.toString()));
      return ids.build();
    });
  }

  private List<UUID> triggerAll(List<TriggerRequest> requests) {
    List<Triggerer.Request> runs = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      TriggerRequest request = requests.get(i);
      String where = requests.size() == 1 ? "" : "runs[" + i + "].";
      if (request.getWorkflowName().isEmpty()) {
        throw invalid(where + "workflow_name is required");
      }
      JsonNode input;
      try {
        input = request.getInputJson().isEmpty() ? null
            : engine.codec().decode(request.getInputJson(), JsonNode.class);
      } catch (PayloadException e) {
        throw invalid(where + "input_json is not valid JSON: " + e.getMessage());
      }
      TriggerOptions.Builder options = TriggerOptions.builder().metadata(request.getMetadataMap())
          .priority(request.getPriority());
      try {
        options.idempotencyKey(request.getIdempotencyKey().isEmpty() ? null : request.getIdempotencyKey());
      } catch (IllegalArgumentException e) {
        throw invalid(where + e.getMessage());
      }
      runs.add(new Triggerer.Request(request.getWorkflowName(), input, options.build()));
    }
    try {
      return engine.triggerer().triggerAll(runs);
    } catch (CairnException e) {
      throw invalid(e.getMessage());
    }
  }

  @Override
  public void getRun(GetRunRequest request, StreamObserver<Run> response) {
    Unary.answer(response, () -> ProtoMapping.run(engine.reader().find(ProtoMapping.runId("run_id", request.getRunId()))
        .orElseThrow(() -> notFound(request.getRunId()))));
  }

  @Override
  public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> response) {
    Unary.answer(response, () -> {
      RunQuery.Builder query = RunQuery.builder().metadata(request.getMetadataMap()).pageToken(
          request.getPageToken().isEmpty() ? null : request.getPageToken());
      if (!request.getWorkflowName().isEmpty()) {
        query.workflow(request.getWorkflowName());
      }
      request.getStatusesList().forEach(status -> query.status(ProtoMapping.runStatus(status)));
      if (request.hasCreatedFrom()) {
        query.createdFrom(ProtoMapping.instant(request.getCreatedFrom()));
      }
      if (request.hasCreatedTo()) {
        query.createdTo(ProtoMapping.instant(request.getCreatedTo()));
      }
      RunPage page;
      try {
        if (request.getPageSize() != 0) {
          query.pageSize(request.getPageSize());
        }
        page = engine.reader().list(query.build());
      } catch (IllegalArgumentException e) {
        throw invalid(e.getMessage());
      }
      ListRunsResponse.Builder runs = ListRunsResponse.newBuilder()
          .setNextPageToken(ProtoMapping.nullToEmpty(page.nextPageToken()));
      for (RunSummary run : page.runs()) {
        runs.addRuns(ProtoMapping.run(run));
      }
      return runs.build();
    });
  }

  @Override
  public void cancelRun(CancelRunRequest request, StreamObserver<CancelRunResponse> response) {
    Unary.answer(response, () -> {
      UUID id = existingRun(request.getRunId()).id();
      return CancelRunResponse.newBuilder().setCancelled(engine.cancel(id) == CancelResult.CANCELLED).build();
    });
  }

  @Override
  public void replayRun(ReplayRunRequest request, StreamObserver<ReplayRunResponse> response) {
    Unary.answer(response, () -> {
      UUID id = existingRun(request.getRunId()).id();
      try {
        engine.replay(id);
      } catch (IllegalStateException | CairnException e) {
        throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
      }
      return ReplayRunResponse.getDefaultInstance();
    });
  }

  @Override
  public void pushEvent(PushEventRequest request, StreamObserver<PushEventResponse> response) {
    Unary.answer(response, () -> {
      JsonNode payload;
      try {
        payload = request.getPayloadJson().isEmpty() ? null
            : engine.codec().decode(request.getPayloadJson(), JsonNode.class);
      } catch (PayloadException e) {
        throw invalid("payload_json is not valid JSON: " + e.getMessage());
      }
      try {
        engine.pushEvent(request.getKey(), payload);
      } catch (IllegalArgumentException e) {
        throw invalid(e.getMessage());
      }
      return PushEventResponse.getDefaultInstance();
    });
  }

  @Override
  public void watchRun(WatchRunRequest request, StreamObserver<dev.cairn.proto.v1.RunEvent> response) {
    ServerCallStreamObserver<dev.cairn.proto.v1.RunEvent> stream =
        (ServerCallStreamObserver<dev.cairn.proto.v1.RunEvent>) response;
    RunRow run;
    try {
      run = existingRun(request.getRunId());
      if (request.getAfterSeq() < 0 || request.getAfterSeq() > run.lastEventSeq()) {
        throw invalid("after_seq " + request.getAfterSeq() + " is outside the run's log (0.." + run.lastEventSeq()
            + ")");
      }
    } catch (StatusRuntimeException e) {
      response.onError(e);
      return;
    }
    boolean finished = dev.cairn.RunStatus.valueOf(run.status()).isFinal();
    if (finished && request.getAfterSeq() == run.lastEventSeq()) {
      response.onCompleted();
      return;
    }
    Subscription[] subscription = new Subscription[1];
    stream.setOnCancelHandler(() -> close(subscription[0]));
    // Flow control: the feed holds back while the client's stream is full and resumes when it drains.
    stream.setOnReadyHandler(engine.eventFeed()::wake);
    subscription[0] = engine.eventFeed().watch(run.id(), request.getAfterSeq(), event -> {
      if (stream.isCancelled()) {
        return;
      }
      stream.onNext(ProtoMapping.event(event));
      if (FINAL_EVENTS.contains(event.type()) && event.seq() == currentLastSeq(run.id())) {
        close(subscription[0]);
        stream.onCompleted();
      }
    }, stream::isReady);
  }

  private long currentLastSeq(UUID runId) {
    return engine.store().runGet(runId).map(RunRow::lastEventSeq).orElse(0L);
  }

  @Override
  public void watchRuns(WatchRunsRequest request, StreamObserver<dev.cairn.proto.v1.RunEvent> response) {
    ServerCallStreamObserver<dev.cairn.proto.v1.RunEvent> stream =
        (ServerCallStreamObserver<dev.cairn.proto.v1.RunEvent>) response;
    Instant since = request.hasSince() ? ProtoMapping.instant(request.getSince()) : Instant.now();
    stream.setOnReadyHandler(engine.eventFeed()::wake);
    Subscription subscription = engine.eventFeed().watchRuns(request.getMetadataMap(), since, (RunEvent event) -> {
      if (!stream.isCancelled()) {
        stream.onNext(ProtoMapping.event(event));
      }
    }, stream::isReady);
    stream.setOnCancelHandler(subscription::close);
  }

  private RunRow existingRun(String runId) {
    UUID id = ProtoMapping.runId("run_id", runId);
    return engine.store().runGet(id).orElseThrow(() -> notFound(runId));
  }

  private static void close(Subscription subscription) {
    if (subscription != null) {
      subscription.close();
    }
  }



  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  private static StatusRuntimeException notFound(String runId) {
    return Status.NOT_FOUND.withDescription("no run with id " + runId).asRuntimeException();
  }
}
