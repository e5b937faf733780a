package dev.cairn.grpc.adversarial;

import static dev.cairn.grpc.adversarial.BadValue.accepted;
import static dev.cairn.grpc.adversarial.BadValue.invalid;
import static dev.cairn.grpc.adversarial.BadValue.notFound;
import static dev.cairn.grpc.adversarial.BadValue.refused;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.cairn.proto.v1.RunFilter;
import dev.cairn.proto.v1.ScheduleSpec;
import dev.cairn.proto.v1.TriggerRequest;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
    rows.add(new Row<>(rpcs.awaitRun, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    // The run awaited is final: the longest wait returns at once.
    rows.add(new Row<>(rpcs.awaitRun, "wait_ms", BadValues.concat(BadValues.waitMs(),
        List.of(accepted("a minute", 60_000L))), (call, wait) -> call.request.setWaitMs(wait)));
    triggerFields(rows, rpcs.triggerAndAwait, "trigger.", call -> call.request.getTriggerBuilder());
    rows.add(new Row<>(rpcs.triggerAndAwait, "trigger", List.of(invalid("unset", true)),
        (call, unset) -> call.request.clearTrigger()));
    rows.add(new Row<>(rpcs.triggerAndAwait, "wait_ms", BadValues.waitMs(), (call, wait) -> call.request
        .setWaitMs(wait)));
    rows.add(new Row<>(rpcs.listEvents, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    rows.add(new Row<>(rpcs.listEvents, "after_seq", BadValues.afterSeq(engine.finishedRunLastSeq),
        (call, seq) -> call.request.setAfterSeq(seq)));
    rows.add(new Row<>(rpcs.listEvents, "limit", BadValues.pageSize(), (call, limit) -> call.request.setLimit(limit)));
    listRunsFields(rows, rpcs);
    rows.add(new Row<>(rpcs.cancelRun, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    rows.add(new Row<>(rpcs.replayRun, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    runFilterFields(rows, rpcs.cancelRuns, call -> call.request.getFilterBuilder());
    runFilterFields(rows, rpcs.replayRuns, call -> call.request.getFilterBuilder());
    deleteRunFields(rows, engine, rpcs);
    pushEventFields(rows, rpcs);
    rows.add(new Row<>(rpcs.watchRun, "run_id", BadValues.runId(), (call, id) -> call.request.setRunId(id)));
    rows.add(new Row<>(rpcs.watchRun, "after_seq", BadValues.afterSeq(engine.finishedRunLastSeq),
        (call, seq) -> call.request.setAfterSeq(seq)));
    metadataFields(rows, rpcs.watchRuns, "metadata", (call, entry) -> call.request.putMetadata(entry.getKey(),
        entry.getValue()));
    rows.add(new Row<>(rpcs.watchRuns, "since", BadValues.timestamp(), (call, since) -> call.request.setSince(since)));
    adminFields(rows, engine, rpcs);
    scheduleFields(rows, engine, rpcs);
    workflowFields(rows, engine, rpcs);
    eventTriggerFields(rows, engine, rpcs);
    return rows;
  }

  /**
   * The filter of a bulk CancelRuns or ReplayRuns call: the values ListRuns refuses in the same fields. None is
   * accepted, so no case cancels or replays a run.
   */
  private static <B extends Message.Builder> void runFilterFields(List<Row<?, ?>> rows, Rpc<B> rpc,
      Function<Call<B>, RunFilter.Builder> filter) {
    rows.add(new Row<>(rpc, "filter.workflow_name", BadValues.optionalName(200),
        (call, name) -> filter.apply(call).setWorkflowName(name)));
    rows.add(new Row<>(rpc, "filter.statuses", BadValues.enumNumber(),
        (call, number) -> filter.apply(call).addStatusesValue(number)));
    metadataFields(rows, rpc, "filter.metadata", (call, entry) -> filter.apply(call).putMetadata(entry.getKey(),
        entry.getValue()));
    rows.add(new Row<>(rpc, "filter.created_from", BadValues.timestamp(),
        (call, from) -> filter.apply(call).setCreatedFrom(from)));
    rows.add(new Row<>(rpc, "filter.created_to", BadValues.timestamp(),
        (call, to) -> filter.apply(call).setCreatedTo(to)));
    // No criterion at all would match every run.
    rows.add(new Row<>(rpc, "filter", List.of(invalid("unset", true), invalid("empty", false)), (call, unset) -> {
      if (unset) {
        call.request.clearField(call.request.getDescriptorForType().findFieldByName("filter"));
      } else {
        filter.apply(call).clear();
      }
    }));
  }

  /**
   * DeleteRun takes the run ids CancelRun and ReplayRun take; an unfinished run is refused, and one finished run (no
   * other request names it) is deleted. DeleteRuns takes the filter of CancelRuns. Neither changes a role's rights:
   * a missing header or a worker's token is refused before anything is deleted.
   */
  private static void deleteRunFields(List<Row<?, ?>> rows, AdversarialEngine engine, Rpcs rpcs) {
    rows.add(new Row<>(rpcs.deleteRun, "run_id", BadValues.concat(BadValues.runId(),
        List.of(refused("an unfinished run", engine.unfinishedRun.toString()),
            accepted("a finished run", engine.deletableRun.toString()))),
        (call, id) -> call.request.setRunId(id)));
    runFilterFields(rows, rpcs.deleteRuns, call -> call.request.getFilterBuilder());
    for (Rpc<?> rpc : List.of(rpcs.deleteRun, rpcs.deleteRuns)) {
      refusedRoles(rows, engine, rpc);
    }
  }

  /** The header of a caller who may not call the RPC at all: none, or a worker's token. */
  private static <B extends Message.Builder> void refusedRoles(List<Row<?, ?>> rows, AdversarialEngine engine,
      Rpc<B> rpc) {
    rows.add(new Row<>(rpc, "authorization", List.of(BadValue.unauthenticated("no header", null),
        new BadValue<>("a worker token", "Bearer " + engine.worker.secret(), Status.Code.PERMISSION_DENIED)),
        (call, header) -> call.authorization = header));
  }

  private static void pushEventFields(List<Row<?, ?>> rows, Rpcs rpcs) {
    rows.add(new Row<>(rpcs.pushEvent, "key", BadValues.requiredName(255), (call, key) -> call.request.setKey(key)));
    rows.add(new Row<>(rpcs.pushEvent, "payload_json", BadValues.json(),
        (call, json) -> call.request.setPayloadJson(json)));
    // Empty: the engine gives the event an id. The id pushed at the start again: a redelivery, starting nothing.
    rows.add(new Row<>(rpcs.pushEvent, "event_id", BadValues.concat(BadValues.optionalName(255),
        List.of(accepted("empty", ""), accepted("255 characters", BadValues.huge(255)),
            accepted("the id of an event pushed before", AdversarialEngine.PUSHED_ID))),
        (call, id) -> call.request.setEventId(id)));
    metadataFields(rows, rpcs.pushEvent, "metadata", (call, entry) -> call.request.putMetadata(entry.getKey(),
        entry.getValue()));
    // The runs an event starts carry cairn.event_key and cairn.event_id besides its metadata, so 62 entries are the
    // most. The valid request holds one entry (the trigger's filter asks for it): these count the whole map.
    rows.add(new Row<>(rpcs.pushEvent, "metadata", List.of(accepted("62 entries", 62), invalid("63 entries", 63),
        invalid("64 entries", 64)), (call, count) -> {
      for (int i = 1; i < count; i++) {
        call.request.putMetadata("k" + i, "v");
      }
    }));
    rows.add(new Row<>(rpcs.listPushedEvents, "key", BadValues.concat(BadValues.optionalName(255),
        List.of(accepted("empty (every key)", ""), accepted("255 characters", BadValues.huge(255)))),
        (call, key) -> call.request.setKey(key)));
    rows.add(new Row<>(rpcs.listPushedEvents, "limit", BadValues.concat(BadValues.pageSize(),
        List.of(accepted("0 (the default)", 0), accepted("1", 1), accepted("1000", 1000))),
        (call, limit) -> call.request.setLimit(limit)));
  }

  private static void eventTriggerFields(List<Row<?, ?>> rows, AdversarialEngine engine, Rpcs rpcs) {
    rows.add(new Row<>(rpcs.createEventTrigger, "name", BadValues.concat(BadValues.requiredName(400),
        List.of(refused("in use", AdversarialEngine.TRIGGER), refused("in use by a declared trigger",
            AdversarialEngine.DECLARED_TRIGGER), accepted("400 characters", BadValues.huge(400)))),
        (call, name) -> call.request.setName(name)));
    rows.add(new Row<>(rpcs.createEventTrigger, "event_key", BadValues.concat(BadValues.requiredName(255),
        List.of(accepted("255 characters", BadValues.huge(255)))), (call, key) -> call.request.setEventKey(key)));
    rows.add(new Row<>(rpcs.createEventTrigger, "workflow_name", BadValues.concat(BadValues.requiredName(200),
        List.of(invalid("unknown workflow", "no-such-workflow"))), (call, name) -> call.request.setWorkflowName(name)));
    rows.add(new Row<>(rpcs.createEventTrigger, "filter", filters(), (call, filter) -> call.request.setFilter(filter)));
    rows.add(new Row<>(rpcs.deleteEventTrigger, "name", BadValues.concat(BadValues.requiredName(400),
        List.of(notFound("well-formed unknown", "no-such-trigger"),
            refused("a declared trigger", AdversarialEngine.DECLARED_TRIGGER),
            accepted("a trigger that exists", AdversarialEngine.DELETABLE_TRIGGER))),
        (call, name) -> call.request.setName(name)));
    List<BadValue<String>> headers = new ArrayList<>(BadValues.authorization());
    headers.add(accepted("a client token", "Bearer " + engine.client.secret()));
    headers.add(new BadValue<>("a worker token", "Bearer " + engine.worker.secret(), Status.Code.PERMISSION_DENIED));
    rows.add(new Row<>(rpcs.listEventTriggers, "authorization", headers,
        (call, header) -> call.authorization = header));
  }

  /**
   * A trigger's filter: empty (none) or clauses {@code /json/pointer == <json value>} joined by {@code &&}, at most
   * 2000 characters, no U+0000 (other control characters are the JSON parser's to refuse, in a string value).
   */
  static List<BadValue<String>> filters() {
    String clause = "/payload/type == \"";
    String padded2000 = clause + "x".repeat(2000 - clause.length() - 1) + "\"";
    String padded2001 = clause + "x".repeat(2001 - clause.length() - 1) + "\"";
    return BadValues.concat(List.of(invalid("no ==", "/payload/x"), invalid("no value", "/payload/x =="),
        invalid("a single =", "/payload/x = 1"), invalid("pointer without a leading /", "payload/x == 1"),
        invalid("truncated object", "/payload/x == {"), invalid("truncated string", "/payload/x == \"abc"),
        invalid("unquoted word", "/payload/x == raw"), invalid("dangling &&", "/a == 1 &&"),
        invalid("||", "/a == 1 || /b == 2"), invalid("empty pointer", "== 1"),
        invalid("two values in a clause", "/a == 1 2"), invalid("raw U+0007 in a string value", "/a == \"x\u0007y\""),
        invalid("unquoted word of 1990 characters", "/a == " + BadValues.huge(1990)),
        invalid("object left open after 1990 characters", "/a == {\"k\": \"" + BadValues.huge(1980)),
        invalid("pointer of 1990 characters without ==", "/" + BadValues.huge(1990)),
        invalid("1990 characters after a clause", "/a == 1 " + BadValues.huge(1990)),
        invalid("U+0000 in a string value", "/payload/type == \"a\u0000b\""), invalid("U+0000 alone", "\u0000"),
        invalid("a clause of 2001 characters", padded2001)), BadValues.tooLong(2000),
        List.of(accepted("empty (none)", ""), accepted("blank (none)", "   "), accepted("a clause of 2000 characters", padded2000),
            accepted("two clauses", "/payload/type == \"raw-tracks\" && /metadata/tenant == \"acme\""),
            accepted("null, numbers, arrays and objects", "/payload == null && /payload/n == 1.5 && /payload/l == [1,"
                + " {\"a\": true}] && /payload/o == {}"),
            accepted("no spaces", "/payload/n==1&&/metadata/k==\"v\"")));
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
    // A delayed run: the engine's clock is the real one here, so "an hour ago" is in the past for it.
    Instant now = Instant.now();
    List<BadValue<Timestamp>> runAt = new ArrayList<>(BadValues.timestamp());
    runAt.add(invalid("an hour ago", timestamp(now.minusSeconds(3600))));
    runAt.add(accepted("the last instant of 9999", timestamp(Instant.parse("9999-12-31T23:59:59.999999999Z"))));
    rows.add(new Row<>(rpc, prefix + "run_at", runAt, (call, at) -> entry.apply(call).setRunAt(at)));
    rows.add(new Row<>(rpc, prefix + "run_at", List.of(invalid("in an hour, with delay_ms 1000",
        timestamp(now.plusSeconds(3600)))), (call, at) -> entry.apply(call).setRunAt(at).setDelayMs(1000)));
    rows.add(new Row<>(rpc, prefix + "delay_ms", BadValues.delayMs(), (call, delay) -> entry.apply(call)
        .setDelayMs(delay)));
    rows.add(new Row<>(rpc, prefix + "timeout_ms", BadValues.timeoutMs(), (call, timeout) -> entry.apply(call)
        .setTimeoutMs(timeout)));
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

  /** The fields of one ScheduleSpec: a CreateSchedule call's, or an UpdateSchedule call's. */
  private static <B extends Message.Builder> void specFields(List<Row<?, ?>> rows, Rpc<B> rpc,
      Function<Call<B>, ScheduleSpec.Builder> spec) {
    rows.add(new Row<>(rpc, "spec", List.of(invalid("unset", true)), (call, unset) -> call.request
        .clearField(call.request.getDescriptorForType().findFieldByName("spec"))));
    rows.add(new Row<>(rpc, "spec.name", BadValues.requiredName(dev.cairn.ScheduleSpec.MAX_NAME_LENGTH), (call, name) -> spec.apply(call).setName(name)));
    rows.add(new Row<>(rpc, "spec.workflow_name", BadValues.requiredName(200),
        (call, name) -> spec.apply(call).setWorkflowName(name)));
    rows.add(new Row<>(rpc, "spec.cron", BadValues.cron(), (call, cron) -> spec.apply(call).setCron(cron)));
    rows.add(new Row<>(rpc, "spec.time_zone", BadValues.timeZone(), (call, zone) -> spec.apply(call)
        .setTimeZone(zone)));
    rows.add(new Row<>(rpc, "spec.input_json", BadValues.json(), (call, json) -> spec.apply(call)
        .setInputJson(json)));
    metadataFields(rows, rpc, "spec.metadata", (call, pair) -> spec.apply(call).putMetadata(pair.getKey(),
        pair.getValue()));
    // The schedule sets these two on every run itself.
    rows.add(new Row<>(rpc, "spec.metadata.key", List.of(invalid("reserved cairn.schedule",
        dev.cairn.ScheduleSpec.SCHEDULE_KEY), invalid("reserved cairn.tick", dev.cairn.ScheduleSpec.TICK_KEY)),
        (call, key) -> spec.apply(call).putMetadata(key, "v")));
    rows.add(new Row<>(rpc, "spec.priority", BadValues.anyInt32(), (call, priority) -> spec.apply(call)
        .setPriority(priority)));
    // UNSPECIFIED is legal here: it means the default policy.
    rows.add(new Row<>(rpc, "spec.missed_ticks", List.of(accepted("UNSPECIFIED", 0), invalid("unknown number 99", 99),
        invalid("unknown number -1", -1)), (call, number) -> spec.apply(call).setMissedTicksValue(number)));
    rows.add(new Row<>(rpc, "spec.overlap", List.of(accepted("UNSPECIFIED", 0), invalid("unknown number 99", 99),
        invalid("unknown number -1", -1)), (call, number) -> spec.apply(call).setOverlapValue(number)));
  }

  private static void scheduleFields(List<Row<?, ?>> rows, AdversarialEngine engine, Rpcs rpcs) {
    specFields(rows, rpcs.createSchedule, call -> call.request.getSpecBuilder());
    rows.add(new Row<>(rpcs.createSchedule, "spec.name", List.of(refused("in use", AdversarialEngine.SCHEDULE)),
        (call, name) -> call.request.getSpecBuilder().setName(name)));
    specFields(rows, rpcs.updateSchedule, call -> call.request.getSpecBuilder());
    rows.add(new Row<>(rpcs.updateSchedule, "spec.name", List.of(notFound("well-formed unknown", "no-such-schedule")),
        (call, name) -> call.request.getSpecBuilder().setName(name)));
    rows.add(new Row<>(rpcs.getSchedule, "name", BadValues.scheduleName(), (call, name) -> call.request.setName(name)));
    rows.add(new Row<>(rpcs.pauseSchedule, "name", BadValues.scheduleName(),
        (call, name) -> call.request.setName(name)));
    rows.add(new Row<>(rpcs.resumeSchedule, "name", BadValues.scheduleName(),
        (call, name) -> call.request.setName(name)));
    rows.add(new Row<>(rpcs.deleteSchedule, "name", BadValues.scheduleName(),
        (call, name) -> call.request.setName(name)));
    rows.add(new Row<>(rpcs.triggerSchedule, "name", BadValues.scheduleName(),
        (call, name) -> call.request.setName(name)));
    rows.add(new Row<>(rpcs.backfillSchedule, "name", BadValues.scheduleName(),
        (call, name) -> call.request.setName(name)));
    // The schedule ticks once a year: a range of more than 1000 years holds more than 1000 ticks.
    Timestamp firstInstant = timestamp(Instant.parse("0001-01-01T00:00:00Z"));
    Timestamp lastInstant = timestamp(Instant.parse("9999-12-31T23:59:59.999999999Z"));
    List<BadValue<Timestamp>> from = new ArrayList<>(BadValues.timestamp());
    from.add(invalid("unset", null));
    from.add(invalid("equal to to", Rpcs.BACKFILL_TO));
    from.add(invalid("year 1, 2000 ticks before to", firstInstant));
    rows.add(new Row<>(rpcs.backfillSchedule, "from", from, (call, at) -> {
      if (at == null) {
        call.request.clearFrom();
      } else {
        call.request.setFrom(at);
      }
    }));
    Timestamp secondDay = timestamp(Instant.parse("0001-01-02T00:00:00Z"));
    rows.add(new Row<>(rpcs.backfillSchedule, "from", List.of(accepted("the first instant, to 0001-01-02",
        firstInstant)), (call, at) -> call.request.setFrom(at).setTo(secondDay)));
    List<BadValue<Timestamp>> to = new ArrayList<>(BadValues.timestamp());
    to.add(invalid("unset", null));
    to.add(invalid("before from", timestamp(Instant.parse("1999-01-01T00:00:00Z"))));
    to.add(invalid("the last instant, 8000 ticks after from", lastInstant));
    rows.add(new Row<>(rpcs.backfillSchedule, "to", to, (call, at) -> {
      if (at == null) {
        call.request.clearTo();
      } else {
        call.request.setTo(at);
      }
    }));
    rows.add(new Row<>(rpcs.backfillSchedule, "to", List.of(accepted("the last instant, from 9999-01-01",
        lastInstant)), (call, at) -> call.request.setFrom(timestamp(Instant.parse("9999-01-01T00:00:00Z"))).setTo(at)));
    List<BadValue<String>> headers = new ArrayList<>(BadValues.authorization());
    headers.add(accepted("a client token", "Bearer " + engine.client.secret()));
    headers.add(new BadValue<>("a worker token", "Bearer " + engine.worker.secret(), Status.Code.PERMISSION_DENIED));
    rows.add(new Row<>(rpcs.listSchedules, "authorization", headers, (call, header) -> call.authorization = header));
  }

  private static void workflowFields(List<Row<?, ?>> rows, AdversarialEngine engine, Rpcs rpcs) {
    rows.add(new Row<>(rpcs.pauseWorkflow, "workflow_name", BadValues.concat(BadValues.requiredName(200),
        List.of(invalid("unknown workflow", "no-such-workflow"))), (call, name) -> call.request.setWorkflowName(name)));
    // Resuming what is not paused is no error: it answers was_paused = false and writes nothing.
    rows.add(new Row<>(rpcs.resumeWorkflow, "workflow_name", BadValues.concat(BadValues.requiredName(200),
        List.of(accepted("unknown workflow", "no-such-workflow"))), (call, name) -> call.request.setWorkflowName(name)));
    List<BadValue<String>> headers = new ArrayList<>(BadValues.authorization());
    headers.add(accepted("a client token", "Bearer " + engine.client.secret()));
    headers.add(new BadValue<>("a worker token", "Bearer " + engine.worker.secret(), Status.Code.PERMISSION_DENIED));
    rows.add(new Row<>(rpcs.listPausedWorkflows, "authorization", headers,
        (call, header) -> call.authorization = header));
    retentionFields(rows, engine, rpcs);
  }

  /**
   * A workflow's retention: its name (any well-formed one, as the engine keeps periods for workflows a worker may
   * serve later; one whose code declares its retention is refused), and retention_ms (1 minute to 100 years) or
   * keep_forever, exclusively.
   */
  private static void retentionFields(List<Row<?, ?>> rows, AdversarialEngine engine, Rpcs rpcs) {
    long minute = 60_000L;
    long century = 3_153_600_000_000L;
    rows.add(new Row<>(rpcs.setRetention, "workflow_name", BadValues.concat(BadValues.requiredName(200),
        List.of(refused("a workflow declaring its retention", AdversarialEngine.KEPT),
            accepted("unknown workflow", "no-such-workflow"), accepted("200 characters", BadValues.huge(200)))),
        (call, name) -> call.request.setWorkflowName(name)));
    rows.add(new Row<>(rpcs.setRetention, "workflow_name", List.of(refused("a workflow declaring its retention,"
        + " with keep_forever", AdversarialEngine.KEPT)),
        (call, name) -> call.request.setWorkflowName(name).setRetentionMs(0).setKeepForever(true)));
    rows.add(new Row<>(rpcs.setRetention, "retention_ms", List.of(invalid("0 (without keep_forever)", 0L),
        invalid("-1", -1L), invalid("-1 minute", -minute), invalid("int64 min", Long.MIN_VALUE),
        invalid("int64 max", Long.MAX_VALUE), invalid("1", 1L), invalid("1 minute - 1 ms", minute - 1),
        invalid("100 years + 1 ms", century + 1), accepted("int32 max + 1 (about 25 days)", Integer.MAX_VALUE + 1L),
        accepted("1 minute", minute), accepted("100 years", century)),
        (call, ms) -> call.request.setRetentionMs(ms)));
    rows.add(new Row<>(rpcs.setRetention, "keep_forever", List.of(invalid("with retention_ms 1", 1L),
        invalid("with retention_ms 1 minute", minute), invalid("with retention_ms -1", -1L),
        invalid("with retention_ms int64 max", Long.MAX_VALUE), invalid("with retention_ms int64 min", Long.MIN_VALUE),
        accepted("with retention_ms 0", 0L)),
        (call, ms) -> call.request.setKeepForever(true).setRetentionMs(ms)));
    // Clearing what was never set is no error: it answers had_retention = false and writes nothing.
    rows.add(new Row<>(rpcs.clearRetention, "workflow_name", BadValues.concat(BadValues.requiredName(200),
        List.of(refused("a workflow declaring its retention", AdversarialEngine.KEPT),
            accepted("unknown workflow", "no-such-workflow-to-clear"))),
        (call, name) -> call.request.setWorkflowName(name)));
    for (Rpc<?> rpc : List.of(rpcs.setRetention, rpcs.clearRetention)) {
      refusedRoles(rows, engine, rpc);
    }
    List<BadValue<String>> headers = new ArrayList<>(BadValues.authorization());
    headers.add(accepted("a client token", "Bearer " + engine.client.secret()));
    headers.add(new BadValue<>("a worker token", "Bearer " + engine.worker.secret(), Status.Code.PERMISSION_DENIED));
    rows.add(new Row<>(rpcs.listRetentions, "authorization", headers, (call, header) -> call.authorization = header));
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
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

  /**
   * ListWorkers: an optional workflow name, a label filter checked as metadata is, a page size of 0 (the default) or
   * 1..1000, and only page tokens a previous page returned. Admin only.
   */
  private static void workerInventoryFields(List<Row<?, ?>> rows, AdversarialEngine engine, Rpcs rpcs) {
    rows.add(new Row<>(rpcs.listWorkers, "workflow_name", BadValues.concat(BadValues.optionalName(200),
        List.of(accepted("unknown workflow", "no-such-workflow"), accepted("200 characters", BadValues.huge(200)))),
        (call, name) -> call.request.setWorkflowName(name)));
    metadataFields(rows, rpcs.listWorkers, "labels", (call, entry) -> call.request.putLabels(entry.getKey(),
        entry.getValue()));
    rows.add(new Row<>(rpcs.listWorkers, "connected_only", List.of(accepted("true", true), accepted("false", false)),
        (call, only) -> call.request.setConnectedOnly(only)));
    rows.add(new Row<>(rpcs.listWorkers, "page_size", BadValues.concat(BadValues.pageSize(),
        List.of(accepted("1", 1), accepted("1000", 1000))), (call, size) -> call.request.setPageSize(size)));
    String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString("nobody\nt/nobody".getBytes(
        StandardCharsets.UTF_8));
    rows.add(new Row<>(rpcs.listWorkers, "page_token", BadValues.concat(List.of(invalid("not base64", "not base64!"),
        invalid("base64 without a separator", "eA"), invalid("base64 of an empty holder", "eAo"),
        invalid("U+0000 in the decoded token", "eAB5Cnk")), BadValues.controls(), BadValues.tooLong(1000),
        List.of(accepted("a well-formed token past every worker", unknown))),
        (call, token) -> call.request.setPageToken(token)));
    List<BadValue<String>> adminOnly = new ArrayList<>(BadValues.authorization());
    adminOnly.add(new BadValue<>("a client token", "Bearer " + engine.client.secret(), Status.Code.PERMISSION_DENIED));
    adminOnly.add(new BadValue<>("a worker token", "Bearer " + engine.worker.secret(), Status.Code.PERMISSION_DENIED));
    rows.add(new Row<>(rpcs.listWorkers, "authorization", adminOnly, (call, header) -> call.authorization = header));
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
    workerInventoryFields(rows, engine, rpcs);
    rows.add(new Row<>(rpcs.whoAmI, "authorization", BadValues.authorization(),
        (call, header) -> call.authorization = header));
  }
}
