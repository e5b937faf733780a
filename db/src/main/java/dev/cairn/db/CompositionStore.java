package dev.cairn.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** The statements of durable operations (step_ops), pushed events and waiting steps. Thread-safe. */
public final class CompositionStore {
  private final Jdbi jdbi;

  CompositionStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** WAITING steps whose wait is over. */
  public List<AttemptRef> stepFindWakeable(int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepFindWakeable")
        .bind("limit", limit)
        .map((rs, ctx) -> Rows.attemptRef(rs))
        .list());
  }

  public List<AttemptRef> stepFindWaitingForEvent(String eventKey) {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepFindWaitingForEvent")
        .bind("eventKey", eventKey)
        .map((rs, ctx) -> Rows.attemptRef(rs))
        .list());
  }

  /**
   * Records the {@code seq}-th operation of a step unless recorded already; returns the record that stands, or
   * empty when {@code caller} does not hold the step's current attempt (nothing was written).
   */
  public Optional<StepOp> stepOpRecord(AttemptRef caller, int seq, String kind, String signature, long delayMillis,
      long lookbackMillis) {
    return jdbi.withHandle(handle -> fence(Sql.query(handle, "stepOpRecord"), caller)
        .bind("seq", seq)
        .bind("kind", kind)
        .bind("signature", signature)
        .bind("delayMillis", delayMillis)
        .bind("lookbackMillis", lookbackMillis)
        .map((rs, ctx) -> Rows.stepOp(rs))
        .findOne());
  }

  /** How many durable operations of the step are recorded; empty unless {@code caller} holds the attempt. */
  public Optional<Integer> stepOpCount(AttemptRef caller) {
    return jdbi.withHandle(handle -> fence(Sql.query(handle, "stepOpCount"), caller)
        .mapTo(Integer.class)
        .findOne());
  }

  /**
   * Stores an operation's result unless one is stored; returns the result that stands, or empty when
   * {@code caller} does not hold the attempt or the operation was never recorded.
   */
  public Optional<String> stepOpSetResult(AttemptRef caller, int seq, String resultJson) {
    return jdbi.withHandle(handle -> fence(Sql.query(handle, "stepOpSetResult"), caller)
        .bind("seq", seq)
        .bind("result", resultJson)
        .mapTo(String.class)
        .findOne());
  }

  private static Query fence(Query query, AttemptRef caller) {
    return query.bind("stepId", caller.id())
        .bind("runId", caller.runId())
        .bind("attempt", caller.attempt())
        .bind("holder", caller.holder());
  }

  /** The payload (JSON text) of the first event pushed with the key at or after {@code since}. */
  public Optional<String> pushedEventFindFirst(String eventKey, Instant since) {
    return jdbi.withHandle(handle -> Sql.query(handle, "pushedEventFindFirst")
        .bind("eventKey", eventKey)
        .bind("since", Store.offset(since))
        .map((rs, ctx) -> Optional.ofNullable(rs.getString("payload")).orElse("null"))
        .findOne());
  }
}
