package dev.cairn.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The only door from the engine to SQL. Methods here run in their own (auto-committed) statement;
 * {@link #inTransaction} groups {@link StoreTx} operations into one transaction. Thread-safe.
 */
public final class Store {
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final int MAX_TRANSACTION_TRIES = 5;

  private final Jdbi jdbi;
  private final DataSource dataSource;
  private final String schema;

  /** A store whose statements use the database's clock. */
  public Store(DataSource dataSource, String schema) {
    this(dataSource, schema, () -> null);
  }

  /**
   * @param schema the engine schema; lower-case letters, digits and underscores, starting with a letter or underscore
   * @param now the "now" of every statement; null (from the supplier) means the database's clock
   */
  public Store(DataSource dataSource, String schema, Supplier<Instant> now) {
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema name '" + schema + "' is not valid: use lower-case letters, digits and '_', at most 63");
    }
    this.schema = schema;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin()).define("schema", schema);
    jdbi.getConfig(StatementClock.class).use(now);
    // Every statement is given :now; most use it, and those that do not must not fail for it.
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
  }

  public String schema() {
    return schema;
  }

  /** The statements of durable operations, pushed events and waiting steps. */
  public CompositionStore composition() {
    return new CompositionStore(jdbi);
  }

  /** The statements of remote workflow definitions. */
  public DefinitionStore definitions() {
    return new DefinitionStore(jdbi);
  }

  /** The flow-control statements that run on their own (keys, static rate limits, reconciliation). */
  public FlowStore flow() {
    return new FlowStore(jdbi);
  }

  /** The statements of pushed events and event triggers. */
  public EventStore events() {
    return new EventStore(jdbi);
  }

  /** The statements of paused workflows. */
  public PauseStore pauses() {
    return new PauseStore(jdbi);
  }

  /** The statements of retention: retention periods and deleting finished runs. */
  public RetentionStore retention() {
    return new RetentionStore(jdbi);
  }

  /** The statements of the schedules table. */
  public ScheduleStore schedules() {
    return new ScheduleStore(jdbi);
  }

  /** The statements of the tokens table. */
  public TokenStore tokens() {
    return new TokenStore(jdbi);
  }

  /** The statements behind metrics gauges. */
  public MetricStore metrics() {
    return new MetricStore(jdbi);
  }

  /** The statements of the worker inventory. */
  public WorkerStore workers() {
    return new WorkerStore(jdbi);
  }

  /** The dashboard's counts and child-run listing. */
  public DashboardStore dashboard() {
    return new DashboardStore(jdbi);
  }

  /**
   * Runs {@code work} in one transaction and commits it. A transaction PostgreSQL aborted because of a deadlock
   * or a serialization failure is run again from the start (up to a few times): {@code work} must only touch
   * the database through the {@link StoreTx} it is given, so running it again is safe.
   */
  public <T> T inTransaction(Function<StoreTx, T> work) {
    for (int tries = 1; ; tries++) {
      try {
        return jdbi.inTransaction(handle -> work.apply(new StoreTx(handle)));
      } catch (RuntimeException e) {
        if (tries >= MAX_TRANSACTION_TRIES || !isTransient(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean isTransient(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        String state = sql.getSQLState();
        return "40P01".equals(state) || "40001".equals(state);
      }
    }
    return false;
  }

  /**
   * Inserts runs with their steps and first events and sends {@code wake} (if a step was left queued), in one
   * statement. Runs whose idempotency key or child key exists are skipped (with their steps and events); with a
   * {@code parent} (child runs), nothing is inserted unless the parent's attempt is current. With a {@code lease}
   * (null: none), its runs start with their first steps leased (see {@link DirectLease}). Returns the ids inserted
   * and the steps leased; with no other statement around it, it is one round trip and one commit.
   */
  public InsertedRuns runInsertAll(List<NewRun> runs, List<NewStep> steps, List<NewEvent> events,
      ChildParent parent, Notification wake, DirectLease lease) {
    try (Connection connection = dataSource.getConnection()) {
      return runInsertAll(connection, schema, jdbi.getConfig(StatementClock.class).now(), runs, steps, events, parent,
          wake, lease);
    } catch (SQLException e) { // from the pool, or closing the connection
      throw new StatementException("runInsertAll", e);
    }
  }

  /** {@link #runInsertAll(List, List, List, ChildParent, Notification, DirectLease)} on {@code connection}. */
  static InsertedRuns runInsertAll(Connection connection, String schema, Instant now, List<NewRun> runs,
      List<NewStep> steps, List<NewEvent> events, ChildParent parent, Notification wake, DirectLease lease) {
    if (startsOneLeased(runs, steps, parent, lease)) {
      InsertedRuns one = runInsertLeased(connection, schema, now, runs.get(0), steps, events, lease);
      if (!one.ids().isEmpty()) {
        return one;
      }
      // Its workflow is paused: it goes in queued, the general way.
    }
    // A run started leased appends RUN_STARTED and one STEP_STARTED per first step after its queued events.
    Map<UUID, Long> firstSteps = new HashMap<>();
    steps.stream().filter(NewStep::queued).forEach(step -> firstSteps.merge(step.runId(), 1L, Long::sum));
    List<UUID> ids = new ArrayList<>();
    List<ClaimedStep> leased = new ArrayList<>();
    DirectStatement.of(schema, "runInsertAll")
        .bind("now", now)
        .bind("leaseHolder", lease == null ? null : lease.holder())
        .bind("leaseWorkerId", lease == null ? null : lease.workerId())
        .bind("leaseMillis", lease == null ? 0L : lease.leaseMillis())
        .bind("leaseRuns", ArrayArgument.of(UUID.class, lease == null ? List.of() : lease.runs()))
        .bind("leasedEventCounts", ArrayArgument.of(Long.class, StoreTx.map(runs,
            run -> run.eventCount() + 1 + firstSteps.getOrDefault(run.id(), 0L))))
        .bind("channel", wake.channel())
        .bind("sender", wake.payload())
        .bind("parentRunId", parent == null ? null : parent.runId())
        .bind("fenceStepId", parent == null ? null : parent.stepId())
        .bind("fenceAttempt", parent == null ? null : parent.attempt())
        .bind("fenceHolder", parent == null ? null : parent.holder())
        .bind("childKeys", ArrayArgument.of(String.class, StoreTx.map(runs, NewRun::childKey)))
        .bind("fingerprints", ArrayArgument.of(String.class, StoreTx.map(runs, NewRun::fingerprint)))
        .bind("ids", ArrayArgument.of(UUID.class, StoreTx.map(runs, NewRun::id)))
        .bind("workflowNames", ArrayArgument.of(String.class, StoreTx.map(runs, NewRun::workflowName)))
        .bind("inputs", ArrayArgument.of(String.class, StoreTx.map(runs, NewRun::inputJson)))
        .bind("metadata", ArrayArgument.of(String.class, StoreTx.map(runs, NewRun::metadataJson)))
        .bind("idempotencyKeys", ArrayArgument.of(String.class, StoreTx.map(runs, NewRun::idempotencyKey)))
        .bind("priorities", ArrayArgument.of(Integer.class, StoreTx.map(runs, NewRun::priority)))
        .bind("eventCounts", ArrayArgument.of(Long.class, StoreTx.map(runs, NewRun::eventCount)))
        .bind("runFlowKeys", ArrayArgument.of(String.class, StoreTx.map(runs, run -> Rows.arrayText(run.flowKeys()))))
        .bind("sticky", ArrayArgument.of(String.class, StoreTx.map(runs, NewRun::sticky)))
        .bind("startAts", ArrayArgument.of(String.class, StoreTx.map(runs, run -> run.startAt() == null ? null
            : run.startAt().toString())))
        .bind("deadlines", ArrayArgument.of(String.class, StoreTx.map(runs, run -> run.deadlineAt() == null ? null
            : run.deadlineAt().toString())))
        .bind("traceParents", ArrayArgument.of(String.class, StoreTx.map(runs, NewRun::traceParent)))
        .bind("stepRunIds", ArrayArgument.of(UUID.class, StoreTx.map(steps, NewStep::runId)))
        .bind("stepWorkflowNames", ArrayArgument.of(String.class, StoreTx.map(steps, NewStep::workflowName)))
        .bind("stepNames", ArrayArgument.of(String.class, StoreTx.map(steps, NewStep::stepName)))
        .bind("parentNames", ArrayArgument.of(String.class,
            StoreTx.map(steps, step -> String.join(",", step.parentNames()))))
        .bind("pendingParents", ArrayArgument.of(Integer.class, StoreTx.map(steps, NewStep::pendingParents)))
        .bind("onFailure", ArrayArgument.of(Boolean.class, StoreTx.map(steps, NewStep::onFailure)))
        .bind("statuses", ArrayArgument.of(String.class,
            StoreTx.map(steps, step -> step.queued() ? "QUEUED" : "PENDING")))
        .bind("stepPriorities", ArrayArgument.of(Integer.class, StoreTx.map(steps, NewStep::priority)))
        .bind("scheduleTimeoutsMillis", ArrayArgument.of(Long.class,
            StoreTx.map(steps, NewStep::scheduleTimeoutMillis)))
        .bind("stepFlowKeys", ArrayArgument.of(String.class,
            StoreTx.map(steps, step -> Rows.arrayText(step.flowKeys()))))
        .bind("stepFlowUnits", ArrayArgument.of(String.class,
            StoreTx.map(steps, step -> Rows.arrayText(step.flowUnits()))))
        .bind("gateKeys", ArrayArgument.of(Long.class, StoreTx.map(steps, NewStep::gateKey)))
        .bind("labelSigs", ArrayArgument.of(String.class, StoreTx.map(steps, NewStep::labelSig)))
        .bind("preferSigs", ArrayArgument.of(String.class, StoreTx.map(steps, NewStep::preferSig)))
        .bind("eventRunIds", ArrayArgument.of(UUID.class, StoreTx.map(events, NewEvent::runId)))
        .bind("seqs", ArrayArgument.of(Long.class, StoreTx.map(events, NewEvent::seq)))
        .bind("types", ArrayArgument.of(String.class, StoreTx.map(events, NewEvent::type)))
        .bind("eventStepNames", ArrayArgument.of(String.class, StoreTx.map(events, NewEvent::stepName)))
        .execute(connection, executed -> readInserted(executed, ids, leased));
    return new InsertedRuns(ids, leased);
  }

  /**
   * Whether the insert is the fast path's common case, which {@code runInsertLeased} writes: one top-level run to be
   * started leased, with no idempotency key and none of what needs a claim's decision (which {@link DirectLease}
   * already excludes for its first steps: a delay, keys, stickiness, labels or routing), on any of its steps either.
   */
  static boolean startsOneLeased(List<NewRun> runs, List<NewStep> steps, ChildParent parent,
      DirectLease lease) {
    if (runs.size() != 1 || parent != null || lease == null) {
      return false;
    }
    NewRun run = runs.get(0);
    return lease.runs().contains(run.id()) && run.idempotencyKey() == null && run.childKey() == null
        && run.flowKeys() == null && run.sticky() == null && run.startAt() == null
        && steps.stream().allMatch(step -> step.flowKeys() == null && step.gateKey() == null
            && step.labelSig() == null && step.preferSig() == null);
  }

  /** Inserts one run started leased (see {@link #startsOneLeased}); no id comes back if its workflow is paused. */
  private static InsertedRuns runInsertLeased(Connection connection, String schema, Instant now, NewRun run,
      List<NewStep> steps, List<NewEvent> events, DirectLease lease) {
    // After its queued events, RUN_STARTED and one STEP_STARTED per first step, in definition order: as a claim
    // (and runInsertAll) would append them.
    List<NewStep> firsts = steps.stream().filter(NewStep::queued).toList();
    List<Long> seqs = new ArrayList<>(StoreTx.map(events, NewEvent::seq));
    List<String> types = new ArrayList<>(StoreTx.map(events, NewEvent::type));
    List<String> stepNames = new ArrayList<>(StoreTx.map(events, NewEvent::stepName));
    List<Integer> attempts = new ArrayList<>(Collections.nCopies(events.size(), (Integer) null));
    long seq = run.eventCount();
    seqs.add(++seq);
    types.add("RUN_STARTED");
    stepNames.add(null);
    attempts.add(null);
    for (NewStep first : firsts) {
      seqs.add(++seq);
      types.add("STEP_STARTED");
      stepNames.add(first.stepName());
      attempts.add(1);
    }
    List<UUID> ids = new ArrayList<>();
    List<ClaimedStep> leased = new ArrayList<>();
    DirectStatement.of(schema, "runInsertLeased")
        .bind("now", now)
        .bind("id", run.id())
        .bind("workflowName", run.workflowName())
        .bind("input", run.inputJson())
        .bind("metadata", run.metadataJson())
        .bind("priority", run.priority())
        .bind("lastEventSeq", seq)
        .bind("fingerprint", run.fingerprint())
        .bind("deadline", run.deadlineAt())
        .bind("traceParent", run.traceParent())
        .bind("leaseHolder", lease.holder())
        .bind("leaseWorkerId", lease.workerId())
        .bind("leaseMillis", lease.leaseMillis())
        .bind("stepNames", ArrayArgument.of(String.class, StoreTx.map(steps, NewStep::stepName)))
        .bind("parentNames", ArrayArgument.of(String.class,
            StoreTx.map(steps, step -> String.join(",", step.parentNames()))))
        .bind("pendingParents", ArrayArgument.of(Integer.class, StoreTx.map(steps, NewStep::pendingParents)))
        .bind("onFailure", ArrayArgument.of(Boolean.class, StoreTx.map(steps, NewStep::onFailure)))
        .bind("firsts", ArrayArgument.of(Boolean.class, StoreTx.map(steps, NewStep::queued)))
        .bind("scheduleTimeoutsMillis", ArrayArgument.of(Long.class,
            StoreTx.map(steps, NewStep::scheduleTimeoutMillis)))
        .bind("seqs", ArrayArgument.of(Long.class, seqs))
        .bind("types", ArrayArgument.of(String.class, types))
        .bind("eventStepNames", ArrayArgument.of(String.class, stepNames))
        .bind("attempts", ArrayArgument.of(Integer.class, attempts))
        .execute(connection, executed -> readInserted(executed, ids, leased));
    return new InsertedRuns(ids, leased);
  }

  /** Reads an insert's rows (one per run and leased first step, ordered by run) into {@code ids} and {@code leased}. */
  private static Void readInserted(PreparedStatement executed, List<UUID> ids, List<ClaimedStep> leased)
      throws SQLException {
    try (ResultSet rs = executed.getResultSet()) {
      while (rs.next()) {
        UUID runId = Rows.uuid(rs, "id");
        if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(runId)) {
          ids.add(runId);
        }
        long stepId = rs.getLong("step_id");
        if (!rs.wasNull()) {
          leased.add(new ClaimedStep(stepId, runId, rs.getString("workflow_name"), rs.getString("step_name"),
              1, 0, Rows.instant(rs, "queued_at"), Rows.instant(rs, "started_at"), rs.getString("input"),
              rs.getString("metadata"), null, rs.getString("trace_parent")));
        }
      }
    }
    return null;
  }

  /** Finds existing runs by (workflow, idempotency key) pairs given as two parallel lists. */
  public List<IdempotentRun> runFindByIdempotencyKeys(List<String> workflowNames, List<String> idempotencyKeys) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runFindByIdempotencyKeys")
        .bind("workflowNames", ArrayArgument.of(String.class, workflowNames))
        .bind("idempotencyKeys", ArrayArgument.of(String.class, idempotencyKeys))
        .map((rs, ctx) -> new IdempotentRun(
            Rows.uuid(rs, "id"), rs.getString("workflow_name"), rs.getString("idempotency_key")))
        .list());
  }

  /**
   * Claims and leases up to {@code limit} queued steps of the given workflows to {@code holder} (shown as
   * {@code workerId}), starting their runs and logging STEP_STARTED (and RUN_STARTED) in the same statement.
   * The claim walks the queue's index in order (see dequeueWalksIndex.sql), in a transaction of three statements.
   */
  public List<ClaimedStep> stepDequeueAndLease(Claim claim) {
    return jdbi.inTransaction(handle -> {
      handle.execute(Sql.named("dequeueWalksIndex"));
      return stepDequeueAndLease(handle, claim, null);
    });
  }

  /**
   * The same claim in one statement, planned as PostgreSQL likes: for an idle node's poll, which mostly finds
   * nothing, and whose node must stay under a query a second (the walk's transaction would add two statements).
   */
  public List<ClaimedStep> stepPollAndLease(Claim claim) {
    return jdbi.withHandle(handle -> stepDequeueAndLease(handle, claim, null));
  }

  /**
   * Claims for {@code claim}: the steps free to claim (no gate) when {@code admitted} is null, else exactly the
   * admitted step ids (locked by the caller's transaction, which just passed them through admission).
   */
  static List<ClaimedStep> stepDequeueAndLease(Handle handle, Claim claim, List<Long> admitted) {
    var query = Sql.route(Sql.query(handle, "stepDequeueAndLease"), handle, claim)
        .define("candidates", admitted == null ? "gate_key IS NULL" : "id = ANY(:ids::bigint[])")
        .bind("fingerprints", ArrayArgument.of(String.class, claim.fingerprints()))
        .bind("labelSigs", ArrayArgument.of(String.class, claim.labelSigs()))
        .bind("workflowNames", ArrayArgument.of(String.class, claim.workflowNames()))
        .bind("limit", admitted == null ? claim.limit() : admitted.size())
        .bind("workerId", claim.workerId())
        .bind("holder", claim.holder())
        .bind("leaseMillis", claim.leaseMillis());
    if (admitted != null) {
      query.bind("ids", ArrayArgument.of(Long.class, admitted));
    }
    return query.map((rs, ctx) -> Rows.claimedStep(rs)).list();
  }

  /** Renews the leases of attempts still held by their holders; says for each step id what it found. */
  public Map<Long, Renewal> stepRenewLeaseAll(List<AttemptRef> attempts, long leaseMillis) {
    Map<Long, Renewal> renewals = new HashMap<>();
    jdbi.useHandle(handle -> StoreTx.fenced(Sql.query(handle, "stepRenewLeaseAll"), attempts)
        .bind("leaseMillis", leaseMillis)
        .map((rs, ctx) -> renewals.put(rs.getLong("id"), Renewal.valueOf(rs.getString("renewal"))))
        .list());
    return renewals;
  }

  /** Attempts leased to {@code holder} now, at most {@code limit}. */
  public List<AttemptRef> stepFindHeldBy(String holder, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepFindHeldBy")
        .bind("holder", holder)
        .bind("limit", limit)
        .map((rs, ctx) -> new AttemptRef(rs.getLong("id"), Rows.uuid(rs, "run_id"), rs.getInt("attempt"),
            rs.getString("lease_holder")))
        .list());
  }

  /** Whether the attempt is current, RUNNING and leased to its holder (see stepIsHeld.sql). */
  public boolean stepIsHeld(AttemptRef attempt) {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepIsHeld")
        .bind("stepId", attempt.id())
        .bind("runId", attempt.runId())
        .bind("attempt", attempt.attempt())
        .bind("holder", attempt.holder())
        .mapTo(Boolean.class)
        .one());
  }

  /** The child runs of a step among {@code ids}. */
  public List<RunRow> runListChildren(long parentStepId, Collection<UUID> ids) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runListChildren")
        .bind("parentStepId", parentStepId)
        .bind("ids", ArrayArgument.of(UUID.class, ids))
        .map((rs, ctx) -> Rows.run(rs))
        .list());
  }

  public List<AttemptRef> stepFindExpiredLeases(int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepFindExpiredLeases")
        .bind("limit", limit)
        .map((rs, ctx) -> Rows.attemptRef(rs))
        .list());
  }

  public List<AttemptRef> stepFindScheduleTimeouts(int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepFindScheduleTimeouts")
        .bind("limit", limit)
        .map((rs, ctx) -> Rows.attemptRef(rs))
        .list());
  }

  public List<UUID> runFindUnfinishedWithoutActiveSteps(long minAgeMillis, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runFindUnfinishedWithoutActiveSteps")
        .bind("minAgeMillis", minAgeMillis)
        .bind("limit", limit)
        .map((rs, ctx) -> Rows.uuid(rs, "id"))
        .list());
  }

  /** Child runs of a step by key: key to run id, for the keys that exist. */
  public Map<String, UUID> runFindChildren(long parentStepId, Collection<String> childKeys) {
    Map<String, UUID> children = new HashMap<>();
    jdbi.useHandle(handle -> Sql.query(handle, "runFindChildren")
        .bind("parentStepId", parentStepId)
        .bind("childKeys", ArrayArgument.of(String.class, childKeys))
        .map((rs, ctx) -> children.put(rs.getString("child_key"), Rows.uuid(rs, "id")))
        .list());
    return children;
  }

  public List<RunRow> runListByIds(Collection<UUID> ids) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runListByIds")
        .bind("ids", ArrayArgument.of(UUID.class, ids))
        .map((rs, ctx) -> Rows.run(rs))
        .list());
  }

  /** One page of runs, newest first. */
  public List<RunRow> runList(RunFilter filter) {
    return Sql.plannedForValues(jdbi, handle -> Sql.query(handle, "runList")
        .bind("workflowName", filter.workflowName())
        .bind("statuses", ArrayArgument.of(String.class, filter.statuses() == null ? List.of() : filter.statuses()))
        .bind("metadata", filter.metadataJson())
        .bind("createdFrom", offset(filter.createdFrom()))
        .bind("createdTo", offset(filter.createdTo()))
        .bind("afterCreatedAt", offset(filter.afterCreatedAt()))
        .bind("afterId", filter.afterId())
        .bind("limit", filter.limit())
        .map((rs, ctx) -> Rows.run(rs))
        .list());
  }

  static OffsetDateTime offset(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** Runs whose metadata contain {@code metadataJson}, created since {@code since}, with events past the cursors. */
  public List<RunCursor> runListWithEventsAfter(String metadataJson, Instant since, List<UUID> knownIds,
      List<Long> knownSeqs, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runListWithEventsAfter")
        .bind("metadata", metadataJson)
        .bind("since", offset(since))
        .bind("knownIds", ArrayArgument.of(UUID.class, knownIds))
        .bind("knownSeqs", ArrayArgument.of(Long.class, knownSeqs))
        .bind("limit", limit)
        .map((rs, ctx) -> new RunCursor(Rows.uuid(rs, "id"), rs.getLong("last_event_seq")))
        .list());
  }

  /** Whether any unfinished step of {@code workflowName} was started with definition {@code fingerprint}. */
  public boolean stepAnyUnfinished(String workflowName, String fingerprint) {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepAnyUnfinished")
        .bind("workflowName", workflowName)
        .bind("fingerprint", fingerprint)
        .mapTo(Boolean.class)
        .one());
  }








  /** Events of several runs, each after its own cursor, in (run, seq) order. */
  public List<EventRow> eventListAfterAll(List<UUID> runIds, List<Long> afterSeqs, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "eventListAfterAll")
        .bind("runIds", ArrayArgument.of(UUID.class, runIds))
        .bind("afterSeqs", ArrayArgument.of(Long.class, afterSeqs))
        .bind("limit", limit)
        .map((rs, ctx) -> Rows.event(rs))
        .list());
  }

  public Optional<RunRow> runGet(UUID id) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runGet")
        .bind("id", id)
        .map((rs, ctx) -> Rows.run(rs))
        .findOne());
  }

  /** The run with all its steps (in id order), read by one statement. */
  public Optional<RunWithSteps> runGetWithSteps(UUID id) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runGetWithSteps")
        .bind("id", id)
        .scanResultSet((results, ctx) -> {
          ResultSet rs = results.get();
          if (!rs.next()) {
            return Optional.empty();
          }
          RunRow run = Rows.run(rs, "run_", "run_id_");
          List<StepRow> steps = new ArrayList<>();
          do {
            rs.getLong("id");
            if (!rs.wasNull()) { // the one row of a run without steps
              steps.add(Rows.step(rs));
            }
          } while (rs.next());
          return Optional.of(new RunWithSteps(run, steps));
        }));
  }

  public List<StepRow> stepListByRuns(Collection<UUID> runIds) {
    return jdbi.withHandle(handle -> stepListByRuns(handle, runIds));
  }

  static List<StepRow> stepListByRuns(Handle handle, Collection<UUID> runIds) {
    return Sql.query(handle, "stepListByRuns")
        .bind("runIds", ArrayArgument.of(UUID.class, runIds))
        .map((rs, ctx) -> Rows.step(rs))
        .list();
  }

  /** Unfinished runs per workflow definition (fingerprint). */
  public List<DefinitionUse> runCountUnfinishedByDefinition() {
    return jdbi.withHandle(handle -> Sql.query(handle, "runCountUnfinishedByDefinition")
        .map((rs, ctx) -> new DefinitionUse(rs.getString("workflow_name"), rs.getString("definition_fingerprint"),
            rs.getLong("runs")))
        .list());
  }

  /** Up to {@code limit} unfinished runs whose deadline passed, earliest first. */
  public List<UUID> runFindPastDeadline(int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "runFindPastDeadline")
        .bind("limit", limit)
        .map((rs, ctx) -> Rows.uuid(rs, "id"))
        .list());
  }

  /** The earliest deadline of an unfinished run. */
  public Optional<Instant> runNextDeadline() {
    return Optional.ofNullable(jdbi.withHandle(handle -> Sql.query(handle, "runNextDeadline")
        .mapTo(OffsetDateTime.class).one())).map(OffsetDateTime::toInstant);
  }

  /** Whether any step runs or could run now (see stepAnyActive.sql). */
  public boolean stepAnyActive() {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepAnyActive").mapTo(Boolean.class).one());
  }

  /** The earliest future time a step becomes due by time alone (a backoff ends, a sleep or wait times out). */
  public Optional<Instant> stepNextDueAt() {
    return Optional.ofNullable(jdbi.withHandle(handle -> Sql.query(handle, "stepNextDueAt")
        .mapTo(OffsetDateTime.class).one())).map(OffsetDateTime::toInstant);
  }

  /** Sends {@code notifications} in one statement of its own (autocommit: delivered at once). */
  public void notificationSendAll(List<Notification> notifications) {
    jdbi.useHandle(handle -> Sql.query(handle, "notificationSendAll")
        .bind("channels", ArrayArgument.of(String.class, StoreTx.map(notifications, Notification::channel)))
        .bind("payloads", ArrayArgument.of(String.class, StoreTx.map(notifications, Notification::payload)))
        .mapTo(String.class)
        .list());
  }

  /**
   * Refreshes the planner's statistics from small samples: of the steps table every time, and of the runs and events
   * tables when they about doubled in size since their last ANALYZE (see statisticsStale.sql).
   * The dequeue's plan depends on how many steps are queued; after a burst of triggers, statistics from before it
   * could make PostgreSQL sort the whole queue instead of walking its index.
   */
  public void statisticsRefresh() {
    jdbi.useTransaction(handle -> {
      handle.execute(Sql.named("statisticsSampleSmall"));
      handle.execute(Sql.named("stepAnalyze"));
      Map<String, Object> stale = Sql.query(handle, "statisticsStale")
          .bind("schema", Sql.schema(handle)).mapToMap().one();
      if (Boolean.TRUE.equals(stale.get("runs"))) {
        handle.execute(Sql.named("runAnalyze"));
      }
      if (Boolean.TRUE.equals(stale.get("events"))) {
        handle.execute(Sql.named("eventAnalyze"));
      }
    });
  }

  public long stepCountQueued() {
    return jdbi.withHandle(handle -> Sql.query(handle, "stepCountQueued").mapTo(Long.class).one());
  }

  /** Events of a run with a sequence number above {@code afterSeq}, in order, at most {@code limit}. */
  public List<EventRow> eventListAfter(UUID runId, long afterSeq, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "eventListAfter")
        .bind("runId", runId)
        .bind("afterSeq", afterSeq)
        .bind("limit", limit)
        .map((rs, ctx) -> Rows.event(rs))
        .list());
  }
}
