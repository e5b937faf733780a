package dev.cairn.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The engine's statements bound to one open transaction (see {@link Store#inTransaction}). Bulk methods take
 * lists and run one statement for all of them. Not thread-safe: use it on the thread that opened it.
 */
public final class StoreTx {
  /**
   * The most runs whose locks are sent in one round trip with the completion after them. runLockAll answers a row of
   * at most 900 bytes per run (a name of up to 200 characters), so 64 runs stay under the 64,000 bytes the driver lets
   * answers pile up while it writes (see {@link DirectStatement}); for more, the completion's statement, which may
   * carry megabytes of outputs, is sent after the locks' answer is read.
   */
  public static final int PIPELINED_LOCKS = 64;

  private final Handle handle;

  /** The flow-control statements in this transaction. */
  public FlowTx flow() {
    return new FlowTx(handle);
  }

  StoreTx(Handle handle) {
    this.handle = handle;
  }

  /** Claims and leases steps in this transaction, like {@link Store#stepDequeueAndLease}. */
  public List<ClaimedStep> stepDequeueAndLease(Claim claim) {
    return Store.stepDequeueAndLease(handle, claim, null);
  }

  /** Inserts runs in this transaction, like {@link Store#runInsertAll}. */
  public InsertedRuns runInsertAll(List<NewRun> runs, List<NewStep> steps, List<NewEvent> events,
      ChildParent parent, Notification wake, DirectLease lease) {
    return Store.runInsertAll(handle.getConnection(), Sql.schema(handle), Sql.now(handle), runs, steps, events, parent,
        wake, lease);
  }

  /** Locks the runs in id order and returns those that exist. */
  public List<LockedRun> runLockAll(Collection<UUID> ids) {
    return Sql.query(handle, "runLockAll")
        .bind("lockIds", ArrayArgument.of(UUID.class, ids))
        .map((rs, ctx) -> Rows.lockedRun(rs))
        .list();
  }

  /**
   * {@link #runLockAll} and then {@link #stepCompleteAll} for the runs locked, in one round trip for up to
   * {@link #PIPELINED_LOCKS} runs: the driver sends both statements before it reads an answer, and PostgreSQL runs
   * them in order, the second under the locks the first took and with a snapshot taken after it (read committed), so
   * it sees what an earlier holder of a lock committed, exactly as if it had been sent on its own.
   */
  public LockedCompletion runLockAllAndCompleteSteps(Collection<UUID> toLock, List<StepResult> results) {
    return afterLocks(toLock, results, (locked, rs) -> new LockedCompletion(locked, CompletedRows.read(rs)),
        "stepCompleteAll");
  }

  /**
   * {@link #runLockAll}, then the checkpoints with the events and the end of the runs the steps end
   * (stepCompleteAndEndAll.sql), then the commit, in one round trip for up to {@link #PIPELINED_LOCKS} runs (else
   * two): for a completion whose steps each end their run (the one terminal step of a workflow without on-failure
   * step or flow control), the whole transaction. No statement may follow it.
   *
   * @throws RuntimeException for which {@link DatabaseErrors#isRunNotEnded} holds if a run had steps left: the
   *     transaction is rolled back, nothing was written
   */
  public EndedCompletion runLockCompleteAndEndAll(Collection<UUID> toLock, List<StepResult> results) {
    if (results.size() == 1 && toLock.size() == 1) {
      // The latency path's usual case, one step ending one run: the same statement with scalars, a smaller plan.
      AttemptRef attempt = results.get(0).attempt();
      return withLocks(direct("runLockAll", "stepCompleteAndEndOne", "commit")
          .bind("id", attempt.id())
          .bind("runId", attempt.runId())
          .bind("attempt", attempt.attempt())
          .bind("holder", attempt.holder())
          .bind("output", results.get(0).outputJson()), toLock, "stepCompleteAndEndOne", StoreTx::endedCompletion);
    }
    return afterLocks(toLock, results, StoreTx::endedCompletion, "stepCompleteAndEndAll", "commit");
  }

  /** Reads the answer of a completion's first statement, given the runs locked before it. */
  @FunctionalInterface
  private interface AfterLocks<T> {
    T read(List<LockedRun> locked, ResultSet completion) throws SQLException;
  }

  /**
   * {@link #runLockAll} for {@code toLock}, then the completion's statements for {@code results} ({@code first}'s
   * answer read by {@code answer}): sent together for up to {@link #PIPELINED_LOCKS} runs, else the locks first.
   */
  private <T> T afterLocks(Collection<UUID> toLock, List<StepResult> results, AfterLocks<T> answer, String first,
      String... more) {
    if (toLock.size() > PIPELINED_LOCKS) {
      List<LockedRun> locked = runLockAll(toLock);
      return completion(direct(first, more), results, toLock).execute(handle.getConnection(), executed -> {
        try (ResultSet rs = executed.getResultSet()) {
          return answer.read(locked, rs);
        }
      });
    }
    String[] statements = Stream.concat(Stream.of(first), Arrays.stream(more)).toArray(String[]::new);
    return withLocks(completion(direct("runLockAll", statements), results, toLock), toLock, first, answer);
  }

  /**
   * Runs {@code statement}, which starts with runLockAll (bound here to {@code toLock}), in one round trip; the answer
   * of {@code first}, the statement after the locks, is read by {@code answer}.
   */
  private <T> T withLocks(DirectStatement statement, Collection<UUID> toLock, String first, AfterLocks<T> answer) {
    return statement.bind("lockIds", ArrayArgument.of(UUID.class, toLock))
        .execute(handle.getConnection(), executed -> {
          List<LockedRun> locked = lockedRuns(executed);
          try (ResultSet rs = nextResult(executed, first)) {
            return answer.read(locked, rs);
          }
        });
  }

  /** The answer of stepCompleteAndEndAll. */
  private static EndedCompletion endedCompletion(List<LockedRun> locked, ResultSet rs) throws SQLException {
    List<StepChange> done = new ArrayList<>();
    List<UUID> ended = new ArrayList<>();
    while (rs.next()) {
      if (rs.getString("kind").equals("done")) {
        done.add(Rows.stepChange(rs));
      } else if (rs.getBoolean("ended")) {
        ended.add(Rows.uuid(rs, "run_id"));
      }
    }
    // A step that ends its run releases no child; its run's verdict is in "ended".
    return new EndedCompletion(locked, new CompletedSteps(done, List.of(), Set.of()), ended);
  }

  /** The named statements as one, run outside Jdbi on this transaction's connection (see {@link DirectStatement}). */
  private DirectStatement direct(String first, String... more) {
    return DirectStatement.of(Sql.schema(handle), first, more).bind("now", Sql.now(handle));
  }

  /** The answer of runLockAll, the first statement sent. */
  private static List<LockedRun> lockedRuns(PreparedStatement executed) throws SQLException {
    List<LockedRun> locked = new ArrayList<>();
    try (ResultSet rs = executed.getResultSet()) {
      while (rs.next()) {
        locked.add(Rows.lockedRun(rs));
      }
    }
    return locked;
  }

  private static ResultSet nextResult(PreparedStatement executed, String statement) throws SQLException {
    if (!executed.getMoreResults()) {
      throw new IllegalStateException("no result from " + statement);
    }
    return executed.getResultSet();
  }

  /** Gives unfinished runs their final status; returns the ids that changed. */
  public List<UUID> runFinishAll(List<RunFinish> finishes) {
    return Sql.query(handle, "runFinishAll")
        .bind("ids", ArrayArgument.of(UUID.class, map(finishes, RunFinish::id)))
        .bind("statuses", ArrayArgument.of(String.class, map(finishes, RunFinish::status)))
        .bind("errors", ArrayArgument.of(String.class, map(finishes, RunFinish::error)))
        .map((rs, ctx) -> Rows.uuid(rs, "id"))
        .list();
  }

  /**
   * Commits checkpoints of current attempts and releases their children in those of {@code lockedRunIds} (runs this
   * transaction holds the locks of) that are unfinished; attempts that were fenced out are missing from the answer.
   */
  public CompletedSteps stepCompleteAll(List<StepResult> results, Collection<UUID> lockedRunIds) {
    return completion(direct("stepCompleteAll"), results, lockedRunIds).execute(handle.getConnection(), executed -> {
      try (ResultSet rs = executed.getResultSet()) {
        return CompletedRows.read(rs);
      }
    });
  }

  private static DirectStatement completion(DirectStatement statement, List<StepResult> results,
      Collection<UUID> lockedRunIds) {
    return statement.bind("ids", ArrayArgument.of(Long.class, map(results, result -> result.attempt().id())))
        .bind("runIds", ArrayArgument.of(UUID.class, map(results, result -> result.attempt().runId())))
        .bind("attempts", ArrayArgument.of(Integer.class, map(results, result -> result.attempt().attempt())))
        .bind("holders", ArrayArgument.of(String.class, map(results, result -> result.attempt().holder())))
        .bind("outputs", ArrayArgument.of(String.class, map(results, StepResult::outputJson)))
        .bind("lockedRunIds", ArrayArgument.of(UUID.class, lockedRunIds));
  }

  /** The tagged rows of stepCompleteAll, sorted as they are read. */
  private static final class CompletedRows {
    private final List<StepChange> done = new ArrayList<>();
    private final List<StepChange> children = new ArrayList<>();
    private final Set<UUID> settled = new HashSet<>();

    /** Every row of stepCompleteAll's answer. */
    static CompletedSteps read(ResultSet rs) throws SQLException {
      CompletedRows completed = new CompletedRows();
      while (rs.next()) {
        completed.add(rs);
      }
      return completed.steps();
    }

    boolean add(ResultSet rs) throws SQLException {
      return switch (rs.getString("kind")) {
        case "done" -> done.add(Rows.stepChange(rs));
        case "child" -> children.add(Rows.stepChange(rs));
        default -> settled.add(rs.getObject("run_id", UUID.class));
      };
    }

    CompletedSteps steps() {
      return new CompletedSteps(done, children, settled);
    }
  }

  /**
   * Appends events (numbered per run in the order given), ends the runs in {@code finishes} (each must have an event
   * among {@code events}; an unfinished run only, as {@link #runFinishAll}) and queues notifications for the commit.
   */
  public void eventAppendAll(List<EventDraft> events, List<RunFinish> finishes, List<Notification> notifications) {
    eventAppend(direct("eventAppendAll"), events, finishes, notifications)
        .execute(handle.getConnection(), done -> null);
  }

  /**
   * {@link #eventAppendAll} as the transaction's last statement, with its commit in the same round trip (the driver
   * then finds the transaction ended and sends no commit of its own). No statement may follow in this transaction:
   * it would run in a transaction of its own. If the events' statement fails, PostgreSQL skips the commit and the
   * transaction rolls back as usual.
   */
  public void eventAppendAllAndCommit(List<EventDraft> events, List<RunFinish> finishes,
      List<Notification> notifications) {
    eventAppend(direct("eventAppendAll", "commit"), events, finishes, notifications)
        .execute(handle.getConnection(), done -> null);
  }

  private static DirectStatement eventAppend(DirectStatement statement, List<EventDraft> events,
      List<RunFinish> finishes, List<Notification> notifications) {
    // A run's finish rides on its first event, so that the statement needs no join of runs to finishes.
    Map<UUID, RunFinish> unplaced = new HashMap<>();
    finishes.forEach(finish -> unplaced.put(finish.id(), finish));
    List<String> finishStatuses = new ArrayList<>(events.size());
    List<String> finishErrors = new ArrayList<>(events.size());
    for (EventDraft event : events) {
      RunFinish finish = unplaced.remove(event.runId());
      finishStatuses.add(finish == null ? null : finish.status());
      finishErrors.add(finish == null ? null : finish.error());
    }
    return statement.bind("finishStatuses", ArrayArgument.of(String.class, finishStatuses))
        .bind("finishErrors", ArrayArgument.of(String.class, finishErrors))
        .bind("runIds", ArrayArgument.of(UUID.class, map(events, EventDraft::runId)))
        .bind("ordinals", ArrayArgument.of(Long.class, map(events, EventDraft::ordinal)))
        .bind("types", ArrayArgument.of(String.class, map(events, EventDraft::type)))
        .bind("stepNames", ArrayArgument.of(String.class, map(events, EventDraft::stepName)))
        .bind("attempts", ArrayArgument.of(Integer.class, map(events, EventDraft::attempt)))
        .bind("payloads", ArrayArgument.of(String.class, map(events, EventDraft::payloadJson)))
        .bind("channels", ArrayArgument.of(String.class, map(notifications, Notification::channel)))
        .bind("notifyPayloads", ArrayArgument.of(String.class, map(notifications, Notification::payload)));
  }

  public List<StepChange> stepRetryAll(List<StepRetry> retries) {
    return changes(fenced(Sql.query(handle, "stepRetryAll"), map(retries, StepRetry::attempt))
        .bind("errors", ArrayArgument.of(String.class, map(retries, StepRetry::error)))
        .bind("delaysMillis", ArrayArgument.of(Long.class, map(retries, StepRetry::delayMillis))));
  }

  public List<StepChange> stepFailAll(List<StepFailure> failures) {
    return changes(fenced(Sql.query(handle, "stepFailAll"), map(failures, StepFailure::attempt))
        .bind("errors", ArrayArgument.of(String.class, map(failures, StepFailure::error))));
  }

  public List<StepChange> stepReleaseLeaseAll(List<AttemptRef> attempts) {
    return changes(fenced(Sql.query(handle, "stepReleaseLeaseAll"), attempts));
  }

  public List<StepChange> stepExpireLeaseAll(List<AttemptRef> attempts, int maxLeaseExpiries) {
    return changes(Sql.query(handle, "stepExpireLeaseAll")
        .bind("ids", ArrayArgument.of(Long.class, map(attempts, AttemptRef::id)))
        .bind("attempts", ArrayArgument.of(Integer.class, map(attempts, AttemptRef::attempt)))
        .bind("maxLeaseExpiries", maxLeaseExpiries));
  }

  public List<StepChange> stepExpireScheduleAll(List<Long> stepIds) {
    return changes(Sql.query(handle, "stepExpireScheduleAll").bind("ids", ArrayArgument.of(Long.class, stepIds)));
  }

  public List<StepChange> stepSkipUnfinishedAll(Collection<UUID> runIds, boolean includeOnFailure) {
    return changes(Sql.query(handle, "stepSkipUnfinishedAll")
        .bind("runIds", ArrayArgument.of(UUID.class, runIds))
        .bind("includeOnFailure", includeOnFailure));
  }

  public List<StepChange> stepQueueOnFailureAll(Collection<UUID> runIds) {
    return changes(Sql.query(handle, "stepQueueOnFailureAll").bind("runIds", ArrayArgument.of(UUID.class, runIds)));
  }

  /** Runs below the given ones (children, grandchildren, ...). */
  public List<RunStatusRow> runListDescendants(Collection<UUID> ids) {
    return Sql.query(handle, "runListDescendants")
        .bind("ids", ArrayArgument.of(UUID.class, ids))
        .map((rs, ctx) -> new RunStatusRow(Rows.uuid(rs, "id"), rs.getString("status"), rs.getString("workflow_name")))
        .list();
  }

  /** Reopens failed or cancelled runs with their new definition fingerprints; returns the ids reopened. */
  public List<UUID> runRestartAll(Map<UUID, String> fingerprints) {
    List<UUID> ids = new ArrayList<>(fingerprints.keySet());
    return Sql.query(handle, "runRestartAll")
        .bind("ids", ArrayArgument.of(UUID.class, ids))
        .bind("fingerprints", ArrayArgument.of(String.class, map(ids, fingerprints::get)))
        .map((rs, ctx) -> Rows.uuid(rs, "id"))
        .list();
  }

  /** Suspends current attempts (WAITING); returns the steps suspended. */
  public List<StepChange> stepSuspendAll(List<SuspendedStep> suspended) {
    List<StepSuspension> suspensions = map(suspended, SuspendedStep::suspension);
    return changes(fenced(Sql.query(handle, "stepSuspendAll"), map(suspended, SuspendedStep::attempt))
        .bind("kinds", ArrayArgument.of(String.class, map(suspensions, StepSuspension::kind)))
        .bind("wakeAts", ArrayArgument.of(String.class,
            map(suspensions, x -> x.wakeAt() == null ? null : x.wakeAt().toString())))
        .bind("runs", ArrayArgument.of(String.class, map(suspensions, x -> x.runs() == null ? null
            : String.join(",", map(x.runs(), UUID::toString)))))
        .bind("eventKeys", ArrayArgument.of(String.class, map(suspensions, StepSuspension::eventKey)))
        .bind("eventSinces", ArrayArgument.of(String.class,
            map(suspensions, x -> x.eventSince() == null ? null : x.eventSince().toString()))));
  }

  /** Queues those of the given WAITING steps whose wait is over; returns them. */
  public List<StepChange> stepWakeAll(Collection<Long> stepIds) {
    return changes(Sql.query(handle, "stepWakeAll").bind("ids", ArrayArgument.of(Long.class, stepIds)));
  }

  /** Records why queued steps wait, where no reason is shown yet; returns the steps it changed. */
  public List<StepChange> stepBlockAll(List<Long> ids, List<Integer> attempts, List<String> reasons) {
    return changes(Sql.query(handle, "stepBlockAll").bind("ids", ArrayArgument.of(Long.class, ids))
        .bind("attempts", ArrayArgument.of(Integer.class, attempts))
        .bind("reasons", ArrayArgument.of(String.class, reasons)));
  }

  /** Cancels every unfinished step of the runs; returns them. */
  public List<StepChange> stepCancelAll(Collection<UUID> runIds) {
    return changes(Sql.query(handle, "stepCancelAll").bind("runIds", ArrayArgument.of(UUID.class, runIds)));
  }

  public List<StepChange> stepResetAll(List<StepReset> resets) {
    return changes(Sql.query(handle, "stepResetAll")
        .bind("ids", ArrayArgument.of(Long.class, map(resets, StepReset::id)))
        .bind("statuses", ArrayArgument.of(String.class, map(resets, StepReset::status)))
        .bind("pendingParents", ArrayArgument.of(Integer.class, map(resets, StepReset::pendingParents)))
        .bind("fingerprints", ArrayArgument.of(String.class, map(resets, StepReset::fingerprint))));
  }

  public List<StepRow> stepListByRuns(Collection<UUID> runIds) {
    return Store.stepListByRuns(handle, runIds);
  }

  /** Binds the fence of each attempt: ids, runIds, attempts and holders, as every fenced statement names them. */
  static Query fenced(Query query, List<AttemptRef> attempts) {
    return query.bind("ids", ArrayArgument.of(Long.class, map(attempts, AttemptRef::id)))
        .bind("runIds", ArrayArgument.of(UUID.class, map(attempts, AttemptRef::runId)))
        .bind("attempts", ArrayArgument.of(Integer.class, map(attempts, AttemptRef::attempt)))
        .bind("holders", ArrayArgument.of(String.class, map(attempts, AttemptRef::holder)));
  }

  private static List<StepChange> changes(Query query) {
    return query.map((rs, ctx) -> Rows.stepChange(rs)).list();
  }

  static <T, R> List<R> map(Collection<T> items, Function<T, R> field) {
    List<R> values = new ArrayList<>(items.size());
    for (T item : items) {
      values.add(field.apply(item));
    }
    return values;
  }
}
