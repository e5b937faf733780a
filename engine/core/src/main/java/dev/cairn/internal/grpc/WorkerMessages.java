package dev.cairn.internal.grpc;

import com.google.protobuf.Timestamp;
import dev.cairn.internal.codec.JsonText;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.Wait;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.RunIds;
import dev.cairn.internal.validate.Text;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.Suspension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads what a worker sends into the engine's types, checking every field: a malformed message raises
 * {@link IllegalArgumentException} naming the field (answered INVALID_ARGUMENT for that message; the stream stays
 * open). Stateless.
 */
final class WorkerMessages {
  /** Most child runs one suspension or children query may name. */
  static final int MAX_CHILDREN = 10_000;
  /** Longest failure text kept from a worker; longer ones are cut. */
  static final int MAX_ERROR = 10_000;
  /** Longest log line kept from a worker. */
  static final int MAX_LOG = 4_000;
  private static final Set<String> WAIT_KINDS = Set.of("CHILDREN", "SLEEP", "EVENT");

  private WorkerMessages() {}

  /** The attempt a message names, as written on behalf of {@code holder}. */
  static AttemptId attempt(String field, AttemptRef proto, String holder) {
    Ranges.between(field + ".step_id", proto.getStepId(), 1, Long.MAX_VALUE);
    Ranges.between(field + ".attempt", proto.getAttempt(), 1, Integer.MAX_VALUE);
    UUID runId = RunIds.parse(proto.getRunId());
    if (runId == null) {
      throw new IllegalArgumentException(field + ".run_id " + Text.quote(proto.getRunId()) + " is not a run id");
    }
    return new AttemptId(proto.getStepId(), runId, proto.getAttempt(), holder);
  }

  /** A suspension as the store takes it. */
  static Wait suspension(Suspension proto) {
    if (!WAIT_KINDS.contains(proto.getKind())) {
      throw new IllegalArgumentException("result.suspension.kind " + Text.quote(proto.getKind())
          + " is not one of " + WAIT_KINDS);
    }
    Instant wakeAt = proto.hasWakeAt() ? instant("result.suspension.wake_at", proto.getWakeAt()) : null;
    List<UUID> children = null;
    if (proto.getChildRunIdsCount() > 0) {
      children = runIds("result.suspension.child_run_ids", proto.getChildRunIdsList());
    }
    String eventKey = Text.optionalName("result.suspension.event_key", proto.getEventKey(), 255);
    Instant since = proto.hasEventSince() ? instant("result.suspension.event_since", proto.getEventSince()) : null;
    if (proto.getKind().equals("CHILDREN") && children == null
        || proto.getKind().equals("SLEEP") && wakeAt == null
        || proto.getKind().equals("EVENT") && (eventKey == null || eventKey.isEmpty() || since == null)) {
      throw new IllegalArgumentException("result.suspension of kind " + proto.getKind() + " lacks what it waits for"
          + " (CHILDREN: child_run_ids; SLEEP: wake_at; EVENT: event_key and event_since)");
    }
    return new Wait(proto.getKind(), wakeAt, children, eventKey == null || eventKey.isEmpty() ? null
        : eventKey, since);
  }

  /** Run ids, each in canonical UUID form. */
  static List<UUID> runIds(String field, List<String> values) {
    if (values.size() > MAX_CHILDREN) {
      throw new IllegalArgumentException(field + " has " + values.size() + " entries; at most " + MAX_CHILDREN);
    }
    List<UUID> ids = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      UUID id = RunIds.parse(values.get(i));
      if (id == null) {
        throw new IllegalArgumentException(field + "[" + i + "] " + Text.quote(values.get(i)) + " is not a run id");
      }
      ids.add(id);
    }
    return ids;
  }

  /** Why an output cannot be checkpointed, or null when it is JSON that can be stored. */
  static String unusableOutput(String outputJson) {
    try {
      JsonText.check("result.output_json", outputJson);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static Instant instant(String field, Timestamp timestamp) {
    return Ranges.instant(field, timestamp.getSeconds(), timestamp.getNanos());
  }
}
