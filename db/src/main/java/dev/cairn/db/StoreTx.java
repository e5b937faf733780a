package dev.cairn.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The engine's statements bound to one open transaction (see {@link Store#inTransaction}). Bulk methods take
 * lists and run one statement for all of them. Not thread-safe: use it on the thread that opened it.
 */
public final class StoreTx {
  private final Handle handle;

  StoreTx(Handle handle) {
    this.handle = handle;
  }

  /** Locks the runs in id order and returns those that exist. */
  public List<LockedRun> runLockAll(Collection<UUID> ids) {
    return handle.createQuery(Sql.named("runLockAll"))
        .bindArray("ids", UUID.class, ids)
        .map((rs, ctx) -> new LockedRun(Rows.uuid(rs, "id"), rs.getString("workflow_name"), rs.getString("status")))
        .list();
  }

  /** Inserts runs, skipping those whose idempotency key exists; returns the ids inserted. */
  public List<UUID> runInsertAll(List<NewRun> runs) {
    return handle.createQuery(Sql.named("runInsertAll"))
        .bindArray("ids", UUID.class, map(runs, NewRun::id))
        .bindArray("workflowNames", String.class, map(runs, NewRun::workflowName))
        .bindArray("inputs", String.class, map(runs, NewRun::inputJson))
        .bindArray("metadata", String.class, map(runs, NewRun::metadataJson))
        .bindArray("idempotencyKeys", String.class, map(runs, NewRun::idempotencyKey))
        .bindArray("priorities", Integer.class, map(runs, NewRun::priority))
        .bindArray("eventCounts", Long.class, map(runs, NewRun::eventCount))
        .map((rs, ctx) -> Rows.uuid(rs, "id"))
        .list();
  }

  /** Finds existing runs by (workflow, idempotency key) pairs given as two parallel lists. */
  public List<IdempotentRun> runFindByIdempotencyKeys(List<String> workflowNames, List<String> idempotencyKeys) {
    return handle.createQuery(Sql.named("runFindByIdempotencyKeys"))
        .bindArray("workflowNames", String.class, workflowNames)
        .bindArray("idempotencyKeys", String.class, idempotencyKeys)
        .map((rs, ctx) -> new IdempotentRun(
            Rows.uuid(rs, "id"), rs.getString("workflow_name"), rs.getString("idempotency_key")))
        .list();
  }

  /** Reserves {@code counts.get(run)} sequence numbers per run; returns each run's new last sequence number. */
  public Map<UUID, Long> runAdvanceEventSeqAll(Map<UUID, Long> counts) {
    List<UUID> ids = new ArrayList<>(counts.keySet());
    Map<UUID, Long> last = new HashMap<>();
    handle.createQuery(Sql.named("runAdvanceEventSeqAll"))
        .bindArray("ids", UUID.class, ids)
        .bindArray("counts", Long.class, map(ids, counts::get))
        .map((rs, ctx) -> last.put(Rows.uuid(rs, "id"), rs.getLong("last_event_seq")))
        .list();
    return last;
  }

  /** Marks queued runs running; returns the ids that changed. */
  public List<UUID> runMarkStartedAll(Collection<UUID> ids) {
    return handle.createQuery(Sql.named("runMarkStartedAll"))
        .bindArray("ids", UUID.class, ids)
        .map((rs, ctx) -> Rows.uuid(rs, "id"))
        .list();
  }

  /** Gives unfinished runs their final status; returns the ids that changed. */
  public List<UUID> runFinishAll(List<RunFinish> finishes) {
    return handle.createQuery(Sql.named("runFinishAll"))
        .bindArray("ids", UUID.class, map(finishes, RunFinish::id))
        .bindArray("statuses", String.class, map(finishes, RunFinish::status))
        .bindArray("errors", String.class, map(finishes, RunFinish::error))
        .map((rs, ctx) -> Rows.uuid(rs, "id"))
        .list();
  }

  public void stepInsertAll(List<NewStep> steps) {
    Update update = handle.createUpdate(Sql.named("stepInsertAll"));
    update.bindArray("runIds", UUID.class, map(steps, NewStep::runId))
        .bindArray("workflowNames", String.class, map(steps, NewStep::workflowName))
        .bindArray("stepNames", String.class, map(steps, NewStep::stepName))
        .bindArray("parentNames", String.class, map(steps, s -> String.join(",", s.parentNames())))
        .bindArray("pendingParents", Integer.class, map(steps, NewStep::pendingParents))
        .bindArray("onFailure", Boolean.class, map(steps, NewStep::onFailure))
        .bindArray("statuses", String.class, map(steps, s -> s.queued() ? "QUEUED" : "PENDING"))
        .bindArray("priorities", Integer.class, map(steps, NewStep::priority))
        .bindArray("scheduleTimeoutsMillis", Long.class, map(steps, NewStep::scheduleTimeoutMillis))
        .execute();
  }

  /** Commits checkpoints of current attempts; returns the steps that took them (the others were fenced out). */
  public List<StepChange> stepCompleteAll(List<StepResult> results) {
    return changes(handle.createQuery(Sql.named("stepCompleteAll"))
        .bindArray("ids", Long.class, map(results, StepResult::id))
        .bindArray("attempts", Integer.class, map(results, StepResult::attempt))
        .bindArray("outputs", String.class, map(results, StepResult::outputJson)));
  }

  /** Counts succeeded parents off their children (given as parallel lists); returns the children changed. */
  public List<StepChange> stepReleaseChildren(List<UUID> runIds, List<String> stepNames) {
    return changes(handle.createQuery(Sql.named("stepReleaseChildren"))
        .bindArray("runIds", UUID.class, runIds)
        .bindArray("stepNames", String.class, stepNames));
  }

  public List<StepChange> stepRetryAll(List<StepRetry> retries) {
    return changes(handle.createQuery(Sql.named("stepRetryAll"))
        .bindArray("ids", Long.class, map(retries, StepRetry::id))
        .bindArray("attempts", Integer.class, map(retries, StepRetry::attempt))
        .bindArray("errors", String.class, map(retries, StepRetry::error))
        .bindArray("delaysMillis", Long.class, map(retries, StepRetry::delayMillis)));
  }

  public List<StepChange> stepFailAll(List<StepFailure> failures) {
    return changes(handle.createQuery(Sql.named("stepFailAll"))
        .bindArray("ids", Long.class, map(failures, StepFailure::id))
        .bindArray("attempts", Integer.class, map(failures, StepFailure::attempt))
        .bindArray("errors", String.class, map(failures, StepFailure::error)));
  }

  public List<StepChange> stepReleaseLeaseAll(List<AttemptRef> attempts) {
    return changes(handle.createQuery(Sql.named("stepReleaseLeaseAll"))
        .bindArray("ids", Long.class, map(attempts, AttemptRef::id))
        .bindArray("attempts", Integer.class, map(attempts, AttemptRef::attempt)));
  }

  public List<StepChange> stepExpireLeaseAll(List<AttemptRef> attempts, int maxLeaseExpiries) {
    return changes(handle.createQuery(Sql.named("stepExpireLeaseAll"))
        .bindArray("ids", Long.class, map(attempts, AttemptRef::id))
        .bindArray("attempts", Integer.class, map(attempts, AttemptRef::attempt))
        .bind("maxLeaseExpiries", maxLeaseExpiries));
  }

  public List<StepChange> stepExpireScheduleAll(List<Long> stepIds) {
    return changes(handle.createQuery(Sql.named("stepExpireScheduleAll")).bindArray("ids", Long.class, stepIds));
  }

  public List<StepChange> stepSkipUnfinishedAll(Collection<UUID> runIds, boolean includeOnFailure) {
    return changes(handle.createQuery(Sql.named("stepSkipUnfinishedAll"))
        .bindArray("runIds", UUID.class, runIds)
        .bind("includeOnFailure", includeOnFailure));
  }

  public List<StepChange> stepQueueOnFailureAll(Collection<UUID> runIds) {
    return changes(handle.createQuery(Sql.named("stepQueueOnFailureAll")).bindArray("runIds", UUID.class, runIds));
  }

  public List<StepRow> stepListByRuns(Collection<UUID> runIds) {
    return Store.stepListByRuns(handle, runIds);
  }

  public void eventInsertAll(List<NewEvent> events) {
    handle.createUpdate(Sql.named("eventInsertAll"))
        .bindArray("runIds", UUID.class, map(events, NewEvent::runId))
        .bindArray("seqs", Long.class, map(events, NewEvent::seq))
        .bindArray("types", String.class, map(events, NewEvent::type))
        .bindArray("stepNames", String.class, map(events, NewEvent::stepName))
        .bindArray("attempts", Integer.class, map(events, NewEvent::attempt))
        .bindArray("payloads", String.class, map(events, NewEvent::payloadJson))
        .execute();
  }

  /** Sends a PostgreSQL notification, delivered to listeners when this transaction commits. */
  public void notify(String channel, String payload) {
    handle.createQuery(Sql.named("notify"))
        .bind("channel", channel)
        .bind("payload", payload)
        .mapTo(String.class)
        .list();
  }

  private static List<StepChange> changes(org.jdbi.v3.core.statement.Query query) {
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
