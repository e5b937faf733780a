package dev.cairn.db;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The statements of durable operations (step_ops), pushed events and waiting steps. Thread-safe. */
public final class CompositionStore {
  private final Jdbi jdbi;

  CompositionStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** WAITING steps whose wait is over. */
  public List<AttemptRef> stepFindWakeable(int limit) {
    return jdbi.withHandle(handle -> handle.createQuery(Sql.named("stepFindWakeable"))
        .bind("limit", limit)
        .map((rs, ctx) -> Rows.attemptRef(rs))
        .list());
  }

  public List<AttemptRef> stepFindWaitingForEvent(String eventKey) {
    return jdbi.withHandle(handle -> handle.createQuery(Sql.named("stepFindWaitingForEvent"))
        .bind("eventKey", eventKey)
        .map((rs, ctx) -> Rows.attemptRef(rs))
        .list());
  }

  /** Records the {@code seq}-th operation of a step unless recorded already; returns the record that stands. */
  public StepOp stepOpRecord(long stepId, int seq, String kind, String signature, long delayMillis,
      long lookbackMillis) {
    return jdbi.withHandle(handle -> handle.createQuery(Sql.named("stepOpRecord"))
        .bind("stepId", stepId)
        .bind("seq", seq)
        .bind("kind", kind)
        .bind("signature", signature)
        .bind("delayMillis", delayMillis)
        .bind("lookbackMillis", lookbackMillis)
        .map((rs, ctx) -> Rows.stepOp(rs))
        .one());
  }

  /** How many durable operations of the step are recorded. */
  public int stepOpCount(long stepId) {
    return jdbi.withHandle(handle -> handle.createQuery(Sql.named("stepOpCount"))
        .bind("stepId", stepId)
        .mapTo(Integer.class)
        .one());
  }

  /** Stores an operation's result unless one is stored; returns the result that stands. */
  public String stepOpSetResult(long stepId, int seq, String resultJson) {
    return jdbi.withHandle(handle -> handle.createQuery(Sql.named("stepOpSetResult"))
        .bind("stepId", stepId)
        .bind("seq", seq)
        .bind("result", resultJson)
        .mapTo(String.class)
        .one());
  }

  /** Stores a pushed event; returns when it was stored (database clock). */
  public java.time.Instant pushedEventInsert(String eventKey, String payloadJson) {
    return jdbi.withHandle(handle -> handle.createQuery(Sql.named("pushedEventInsert"))
        .bind("eventKey", eventKey)
        .bind("payload", payloadJson)
        .map((rs, ctx) -> Rows.instant(rs, "created_at"))
        .one());
  }

  /** The payload (JSON text) of the first event pushed with the key at or after {@code since}. */
  public java.util.Optional<String> pushedEventFindFirst(String eventKey, java.time.Instant since) {
    return jdbi.withHandle(handle -> handle.createQuery(Sql.named("pushedEventFindFirst"))
        .bind("eventKey", eventKey)
        .bind("since", Store.offset(since))
        .map((rs, ctx) -> java.util.Optional.ofNullable(rs.getString("payload")).orElse("null"))
        .findOne());
  }
}
