package dev.cairn.grpc.adversarial;

import static dev.cairn.grpc.adversarial.BadValue.invalid;
import static dev.cairn.grpc.adversarial.BadValue.refused;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.ChildToStart;
import dev.cairn.proto.v1.CountOperationsRequest;
import dev.cairn.proto.v1.FindPushedEventRequest;
import dev.cairn.proto.v1.GetChildrenRequest;
import dev.cairn.proto.v1.RecordOperationRequest;
import dev.cairn.proto.v1.SetOperationResultRequest;
import dev.cairn.proto.v1.StartChildrenRequest;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import io.grpc.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The table of the worker service's durable operations: every field of every request with the values to try, on
 * a request that is valid for the fixture's held attempt. The pseudo-field {@code attempt} stands for a whole,
 * well-formed reference to an attempt the caller does not hold (another worker's, a made-up run's, a stale one).
 */
final class WorkerOperationsTable {
  private WorkerOperationsTable() {}

  static List<Row<?, ?>> rows(WorkerFixture fixture) {
    List<Row<?, ?>> rows = new ArrayList<>();
    Rpc<RecordOperationRequest.Builder> record = new Rpc<>("WorkerService", "RecordOperation",
        () -> RecordOperationRequest.newBuilder().setAttempt(fixture.held).setWorkerId(WorkerFixture.WORKER_ID)
            .setSeq(1).setKind("SLEEP").setSignature("1000ms").setDelayMs(1000),
        (channel, request) -> stub(channel).recordOperation(request.build()));
    callerFields(rows, fixture, record, (call, attempt) -> call.request.setAttempt(attempt),
        (call, id) -> call.request.setWorkerId(id));
    rows.add(new Row<>(record, "step_id", legacyStepId(fixture), (call, id) -> call.request.setStepId(id)));
    rows.add(new Row<>(record, "seq", sequence(), (call, seq) -> call.request.setSeq(seq)));
    rows.add(new Row<>(record, "kind", BadValues.requiredName(50), (call, kind) -> call.request.setKind(kind)));
    rows.add(new Row<>(record, "signature", BadValues.requiredName(1000),
        (call, signature) -> call.request.setSignature(signature)));
    rows.add(new Row<>(record, "delay_ms", milliseconds(), (call, ms) -> call.request.setDelayMs(ms)));
    rows.add(new Row<>(record, "lookback_ms", milliseconds(), (call, ms) -> call.request.setLookbackMs(ms)));

    Rpc<SetOperationResultRequest.Builder> result = new Rpc<>("WorkerService", "SetOperationResult",
        () -> SetOperationResultRequest.newBuilder().setAttempt(fixture.held).setWorkerId(WorkerFixture.WORKER_ID)
            .setSeq(0).setResultJson("{}"), (channel, request) -> stub(channel).setOperationResult(request.build()));
    callerFields(rows, fixture, result, (call, attempt) -> call.request.setAttempt(attempt),
        (call, id) -> call.request.setWorkerId(id));
    rows.add(new Row<>(result, "step_id", legacyStepId(fixture), (call, id) -> call.request.setStepId(id)));
    rows.add(new Row<>(result, "seq", sequence(), (call, seq) -> call.request.setSeq(seq)));
    rows.add(new Row<>(result, "result_json", BadValues.json(), (call, json) -> call.request.setResultJson(json)));

    Rpc<CountOperationsRequest.Builder> count = new Rpc<>("WorkerService", "CountOperations",
        () -> CountOperationsRequest.newBuilder().setAttempt(fixture.held).setWorkerId(WorkerFixture.WORKER_ID),
        (channel, request) -> stub(channel).countOperations(request.build()));
    callerFields(rows, fixture, count, (call, attempt) -> call.request.setAttempt(attempt),
        (call, id) -> call.request.setWorkerId(id));
    rows.add(new Row<>(count, "step_id", legacyStepId(fixture), (call, id) -> call.request.setStepId(id)));

    childFields(rows, fixture);
    eventFields(rows, fixture);
    return rows;
  }

  private static void childFields(List<Row<?, ?>> rows, WorkerFixture fixture) {
    Rpc<StartChildrenRequest.Builder> start = new Rpc<>("WorkerService", "StartChildren",
        () -> StartChildrenRequest.newBuilder().setParent(fixture.held).setWorkerId(WorkerFixture.WORKER_ID)
            .setWorkflowName(WorkerFixture.WORKFLOW).addChildren(ChildToStart.newBuilder().setKey("new-child")
                .setInputJson("\"x\"")), (channel, request) -> stub(channel).startChildren(request.build()));
    callerFields(rows, fixture, start, (call, attempt) -> call.request.setParent(attempt),
        (call, id) -> call.request.setWorkerId(id), "parent");
    rows.add(new Row<>(start, "workflow_name", BadValues.requiredName(200),
        (call, name) -> call.request.setWorkflowName(name)));
    rows.add(new Row<>(start, "children", List.of(invalid("no children", 0), invalid("10001 children", 10_001)),
        (call, count) -> {
          call.request.clearChildren();
          for (int i = 0; i < count; i++) {
            call.request.addChildren(ChildToStart.newBuilder().setKey("k" + i));
          }
        }));
    rows.add(new Row<>(start, "children[0].key", BadValues.requiredName(255),
        (call, key) -> call.request.getChildrenBuilder(0).setKey(key)));
    rows.add(new Row<>(start, "children[0].input_json", BadValues.json(),
        (call, json) -> call.request.getChildrenBuilder(0).setInputJson(json)));
    rows.add(new Row<>(start, "metadata.key", BadValues.requiredName(200),
        (call, key) -> call.request.putMetadata(key, "v")));
    rows.add(new Row<>(start, "metadata.value", BadValues.metadataValue(),
        (call, value) -> call.request.putMetadata("k", value)));
    rows.add(new Row<>(start, "metadata", BadValues.mapEntries(), (call, entries) -> {
      for (int i = 0; i < entries; i++) {
        call.request.putMetadata("k" + i, "v");
      }
    }));

    Rpc<GetChildrenRequest.Builder> children = new Rpc<>("WorkerService", "GetChildren",
        () -> GetChildrenRequest.newBuilder().setAttempt(fixture.held).setWorkerId(WorkerFixture.WORKER_ID)
            .addRunIds(fixture.child), (channel, request) -> stub(channel).getChildren(request.build()));
    callerFields(rows, fixture, children, (call, attempt) -> call.request.setAttempt(attempt),
        (call, id) -> call.request.setWorkerId(id));
    List<BadValue<String>> runIds = new ArrayList<>(BadValues.runId().stream()
        .filter(value -> !value.label().equals("well-formed unknown")).toList());
    runIds.add(invalid("not a child of the step", UUID.randomUUID().toString()));
    rows.add(new Row<>(children, "run_ids", runIds, (call, id) -> call.request.addRunIds(id)));
  }

  private static void eventFields(List<Row<?, ?>> rows, WorkerFixture fixture) {
    Rpc<FindPushedEventRequest.Builder> find = new Rpc<>("WorkerService", "FindPushedEvent",
        () -> FindPushedEventRequest.newBuilder().setAttempt(fixture.held).setWorkerId(WorkerFixture.WORKER_ID)
            .setKey("approval").setSince(Timestamp.newBuilder().setSeconds(1)),
        (channel, request) -> stub(channel).findPushedEvent(request.build()));
    callerFields(rows, fixture, find, (call, attempt) -> call.request.setAttempt(attempt),
        (call, id) -> call.request.setWorkerId(id));
    rows.add(new Row<>(find, "key", BadValues.requiredName(255), (call, key) -> call.request.setKey(key)));
    rows.add(new Row<>(find, "since", BadValues.timestamp(), (call, since) -> call.request.setSince(since)));
  }

  private static <B extends Message.Builder> void callerFields(List<Row<?, ?>> rows, WorkerFixture fixture,
      Rpc<B> rpc, BiConsumer<Call<B>, AttemptRef> setAttempt, BiConsumer<Call<B>, String> setWorker) {
    callerFields(rows, fixture, rpc, setAttempt, setWorker, "attempt");
  }

  /** The attempt a request names (each part malformed, or well formed and not the caller's) and the worker id. */
  private static <B extends Message.Builder> void callerFields(List<Row<?, ?>> rows, WorkerFixture fixture,
      Rpc<B> rpc, BiConsumer<Call<B>, AttemptRef> setAttempt, BiConsumer<Call<B>, String> setWorker, String field) {
    rows.add(new Row<>(rpc, field + ".step_id", List.of(invalid("0", 0L), invalid("-1", -1L),
        invalid("int64 min", Long.MIN_VALUE)), (call, id) -> setAttempt.accept(call,
            fixture.held.toBuilder().setStepId(id).build())));
    rows.add(new Row<>(rpc, field + ".attempt", List.of(invalid("0", 0), invalid("-1", -1),
        invalid("int32 min", Integer.MIN_VALUE)), (call, number) -> setAttempt.accept(call,
            fixture.held.toBuilder().setAttempt(number).build())));
    List<BadValue<String>> runIds = BadValues.runId().stream()
        .filter(value -> !value.label().equals("well-formed unknown")).toList();
    rows.add(new Row<>(rpc, field + ".run_id", runIds, (call, id) -> setAttempt.accept(call,
        fixture.held.toBuilder().setRunId(id).build())));
    rows.add(new Row<>(rpc, "attempt", List.of(refused("another worker's attempt", fixture.othersAttempt),
        refused("a made-up run", fixture.held.toBuilder().setRunId(UUID.randomUUID().toString()).build()),
        refused("a stale attempt number", fixture.held.toBuilder().setAttempt(fixture.held.getAttempt() + 1).build()),
        refused("int64 max step", fixture.held.toBuilder().setStepId(Long.MAX_VALUE).build())), setAttempt));
    List<BadValue<String>> workerIds = new ArrayList<>(BadValues.requiredName(200));
    workerIds.add(refused("the other worker's id", "other-worker"));
    rows.add(new Row<>(rpc, "worker_id", workerIds, setWorker));
  }

  private static List<BadValue<Long>> legacyStepId(WorkerFixture fixture) {
    return List.of(invalid("another step", fixture.held.getStepId() + 1), invalid("-1", -1L));
  }

  private static List<BadValue<Integer>> sequence() {
    return List.of(invalid("-1", -1), invalid("100001", 100_001), invalid("int32 min", Integer.MIN_VALUE),
        invalid("int32 max", Integer.MAX_VALUE));
  }

  private static List<BadValue<Long>> milliseconds() {
    return List.of(invalid("-1", -1L), invalid("int64 min", Long.MIN_VALUE), invalid("int64 max", Long.MAX_VALUE),
        invalid("over ten years", 3651L * 24 * 3600 * 1000));
  }

  private static WorkerServiceGrpc.WorkerServiceBlockingStub stub(Channel channel) {
    return WorkerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(Rpcs.DEADLINE_SECONDS, TimeUnit.SECONDS);
  }
}
