package dev.cairn.grpc.adversarial;

import static dev.cairn.grpc.adversarial.BadValue.invalid;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.cairn.proto.v1.TriggerRequest;
import io.grpc.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The table: for every client-facing RPC, every field of its request (map keys, map values and repeated entries
 * included) with the values to try in it and how to set one. A new RPC or field is covered by adding a row here;
 * {@link AdversarialRequestsTest} fails while a request field has none. The pseudo-field {@code authorization}
 * (the bearer header) stands in for requests without fields of their own.
 */
final class FieldTable {
  private FieldTable() {}

  static List<Row<?, ?>> rows(AdversarialEngine engine, Rpcs rpcs) {
    List<Row<?, ?>> rows = new ArrayList<>();
    triggerFields(rows, rpcs.trigger, "", call -> call.request);
    rows.add(new Row<>(rpcs.bulkTrigger, "runs", List.of(invalid("no entries", 0), invalid("1001 entries", 1001)),
        (call, count) -> {
          call.request.clearRuns();
          for (int i = 0; i < count; i++) {
            call.request.addRuns(Rpcs.validTrigger());
          }
        }));
    triggerFields(rows, rpcs.bulkTrigger, "runs[1].", call -> call.request.getRunsBuilder(1));
    rows.add(new Row<>(rpcs.getRun, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    rows.add(new Row<>(rpcs.listEvents, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    rows.add(new Row<>(rpcs.listEvents, "after_seq", BadValues.afterSeq(engine.finishedRunLastSeq),
        (call, seq) -> call.request.setAfterSeq(seq)));
    rows.add(new Row<>(rpcs.listEvents, "limit", BadValues.pageSize(), (call, limit) -> call.request.setLimit(limit)));
    listRunsFields(rows, rpcs);
    rows.add(new Row<>(rpcs.cancelRun, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    rows.add(new Row<>(rpcs.replayRun, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    rows.add(new Row<>(rpcs.pushEvent, "key", BadValues.requiredName(255), (call, key) -> call.request.setKey(key)));
    rows.add(new Row<>(rpcs.pushEvent, "payload_json", BadValues.json(),
        (call, json) -> call.request.setPayloadJson(json)));
    rows.add(new Row<>(rpcs.watchRun, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    rows.add(new Row<>(rpcs.watchRun, "after_seq", BadValues.afterSeq(engine.finishedRunLastSeq),
        (call, seq) -> call.request.setAfterSeq(seq)));
    metadataFields(rows, rpcs.watchRuns, "metadata", (call, entry) -> call.request.putMetadata(entry.getKey(),
        entry.getValue()));
    rows.add(new Row<>(rpcs.watchRuns, "since", BadValues.timestamp(), (call, since) -> call.request.setSince(since)));
    adminFields(rows, engine, rpcs);
    return rows;
  }

  /** The fields of one TriggerRequest: a Trigger call's, or one entry of a BulkTrigger call's. */
  private static <B extends Message.Builder> void triggerFields(List<Row<?, ?>> rows, Rpc<B> rpc, String prefix,
      Function<Call<B>, TriggerRequest.Builder> entry) {
    rows.add(new Row<>(rpc, prefix + "workflow_name", BadValues.requiredName(200),
        (call, name) -> entry.apply(call).setWorkflowName(name)));
    rows.add(new Row<>(rpc, prefix + "input_json", BadValues.json(), (call, json) -> entry.apply(call)
        .setInputJson(json)));
    metadataFields(rows, rpc, prefix + "metadata", (call, pair) -> entry.apply(call).putMetadata(pair.getKey(),
        pair.getValue()));
    rows.add(new Row<>(rpc, prefix + "idempotency_key", BadValues.optionalName(255),
        (call, key) -> entry.apply(call).setIdempotencyKey(key)));
    rows.add(new Row<>(rpc, prefix + "priority", BadValues.anyInt32(),
        (call, priority) -> entry.apply(call).setPriority(priority)));
  }

  /** A map<string, string> metadata field: bad keys, bad values and too many entries. */
  private static <B extends Message.Builder> void metadataFields(List<Row<?, ?>> rows, Rpc<B> rpc, String field,
      BiConsumer<Call<B>, Map.Entry<String, String>> put) {
    rows.add(new Row<>(rpc, field + ".key", BadValues.requiredName(200), (call, key) -> put.accept(call,
        Map.entry(key, "v"))));
    rows.add(new Row<>(rpc, field + ".value", BadValues.metadataValue(), (call, value) -> put.accept(call,
        Map.entry("k", value))));
    rows.add(new Row<>(rpc, field, BadValues.mapEntries(), (call, count) -> {
      for (int i = 0; i < count; i++) {
        put.accept(call, Map.entry("k" + i, "v"));
      }
    }));
  }

  private static void listRunsFields(List<Row<?, ?>> rows, Rpcs rpcs) {
    rows.add(new Row<>(rpcs.listRuns, "workflow_name", BadValues.optionalName(200),
        (call, name) -> call.request.setWorkflowName(name)));
    rows.add(new Row<>(rpcs.listRuns, "statuses", BadValues.enumNumber(),
        (call, number) -> call.request.addStatusesValue(number)));
    metadataFields(rows, rpcs.listRuns, "metadata", (call, entry) -> call.request.putMetadata(entry.getKey(),
        entry.getValue()));
    rows.add(new Row<>(rpcs.listRuns, "created_from", BadValues.timestamp(),
        (call, from) -> call.request.setCreatedFrom(from)));
    rows.add(new Row<>(rpcs.listRuns, "created_to", BadValues.timestamp(),
        (call, to) -> call.request.setCreatedTo(to)));
    Timestamp now = Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()).build();
    rows.add(new Row<>(rpcs.listRuns, "created_to", List.of(invalid("before created_from",
        now.toBuilder().setSeconds(now.getSeconds() - 3600).build())),
        (call, to) -> call.request.setCreatedFrom(now).setCreatedTo(to)));
    rows.add(new Row<>(rpcs.listRuns, "page_size", BadValues.pageSize(),
        (call, size) -> call.request.setPageSize(size)));
    rows.add(new Row<>(rpcs.listRuns, "page_token", BadValues.pageToken(),
        (call, token) -> call.request.setPageToken(token)));
  }

  private static void adminFields(List<Row<?, ?>> rows, AdversarialEngine engine, Rpcs rpcs) {
    rows.add(new Row<>(rpcs.createToken, "name", BadValues.requiredName(200),
        (call, name) -> call.request.setName(name)));
    rows.add(new Row<>(rpcs.createToken, "role", BadValues.enumNumber(),
        (call, number) -> call.request.setRoleValue(number)));
    rows.add(new Row<>(rpcs.createToken, "expires_at", BadValues.timestamp(),
        (call, at) -> call.request.setExpiresAt(at)));
    rows.add(new Row<>(rpcs.createToken, "worker_id", BadValues.optionalName(200),
        (call, id) -> call.request.setWorkerId(id)));
    rows.add(new Row<>(rpcs.revokeToken, "id", BadValues.tokenId(), (call, id) -> call.request.setId(id)));
    List<BadValue<String>> listTokensHeaders = new ArrayList<>(BadValues.authorization());
    listTokensHeaders.add(new BadValue<>("a client token", "Bearer " + engine.client.secret(),
        Status.Code.PERMISSION_DENIED));
    rows.add(new Row<>(rpcs.listTokens, "authorization", listTokensHeaders,
        (call, header) -> call.authorization = header));
    rows.add(new Row<>(rpcs.setRateLimit, "limit.name", BadValues.requiredName(100),
        (call, name) -> call.request.getLimitBuilder().setName(name)));
    rows.add(new Row<>(rpcs.setRateLimit, "limit.units", List.of(invalid("0", 0), invalid("-1", -1),
        invalid("1000001", 1_000_001), invalid("int32 max", Integer.MAX_VALUE)),
        (call, units) -> call.request.getLimitBuilder().setUnits(units)));
    rows.add(new Row<>(rpcs.setRateLimit, "limit.period_ms", List.of(invalid("0", 0L), invalid("-1", -1L),
        invalid("over a day", 86_400_001L), invalid("int64 max", Long.MAX_VALUE), invalid("int64 min", Long.MIN_VALUE)),
        (call, period) -> call.request.getLimitBuilder().setPeriodMs(period)));
    List<BadValue<String>> adminOnly = new ArrayList<>(BadValues.authorization());
    adminOnly.add(new BadValue<>("a client token", "Bearer " + engine.client.secret(), Status.Code.PERMISSION_DENIED));
    rows.add(new Row<>(rpcs.listRateLimits, "authorization", adminOnly, (call, header) -> call.authorization = header));
    rows.add(new Row<>(rpcs.whoAmI, "authorization", BadValues.authorization(),
        (call, header) -> call.authorization = header));
  }
}
