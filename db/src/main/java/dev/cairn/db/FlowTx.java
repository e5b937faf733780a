package dev.cairn.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The statements of flow control inside one transaction: admission (lock keys with backlog, fold their releases,
 * read their candidates and rate usage, write the admission back, claim the admitted steps), releases and the
 * decisions of the CANCEL_* strategies. Obtained from {@link StoreTx#flow()}. Not thread-safe (one transaction).
 */
public final class FlowTx {
  private final Handle handle;

  FlowTx(Handle handle) {
    this.handle = handle;
  }

  /** The transaction's "now" as every statement in it sees it (the engine's clock, else the database's). */
  public Instant now() {
    return Sql.query(handle, "flowNow").mapTo(OffsetDateTime.class).one().toInstant();
  }

  /** Up to {@code maxKeys} keys with a step the claimer could run now, least served first, locked (SKIP LOCKED). */
  public List<FlowKeyRow> lockReadyKeys(Claim claim, int maxKeys) {
    return lockReadyKeys(claim, maxKeys, null, false);
  }

  /**
   * The same among the given keys only (those a completion just freed) when {@code among} is not null, and only
   * concurrency keys with {@code concurrencyOnly} (a long transaction must not hold a shared rate key).
   */
  public List<FlowKeyRow> lockReadyKeys(Claim claim, int maxKeys, Collection<Long> among, boolean concurrencyOnly) {
    String narrowed = among != null ? "AND k.id = ANY(:among::bigint[])"
        : claim.runIds() == null ? ""
        : "AND k.id IN (SELECT q.gate_key FROM " + Sql.schema(handle)
            + ".steps q WHERE q.run_id = ANY(:runIds::uuid[]) AND q.status = 'QUEUED' AND q.gate_key IS NOT NULL)";
    if (concurrencyOnly) {
      narrowed += " AND k.kind = 'CONCURRENCY'";
    }
    Query query = Sql.route(Sql.query(handle, "flowLockReadyKeys"), handle, claim).define("among", narrowed);
    if (among != null) {
      query.bind("among", ArrayArgument.of(Long.class, among));
    }
    return query
        .bind("workflowNames", ArrayArgument.of(String.class, claim.workflowNames()))
        .bind("fingerprints", ArrayArgument.of(String.class, claim.fingerprints()))
        .bind("labelSigs", ArrayArgument.of(String.class, claim.labelSigs()))
        .bind("maxKeys", maxKeys)
        .map((rs, ctx) -> key(rs))
        .list();
  }

  /** Locks the given keys (only concurrency keys if so asked) no other transaction holds (SKIP LOCKED), in id order. */
  public List<FlowKeyRow> lockKeys(List<Long> ids, boolean concurrencyOnly) {
    return Sql.query(handle, "flowLockKeys").bind("ids", ArrayArgument.of(Long.class, ids))
        .bind("concurrencyOnly", concurrencyOnly)
        .map((rs, ctx) -> key(rs)).list();
  }

  /** Locks keys, waiting for them, in id order (a trigger deciding against the key's runs). */
  public void lockKeysWaiting(List<Long> ids) {
    Sql.query(handle, "flowKeyLock").bind("ids", ArrayArgument.of(Long.class, ids)).mapTo(Long.class).list();
  }

  /** Takes the pending releases of the given (locked) keys out of the ledger: units per key. */
  public Map<Long, Integer> foldReleases(List<Long> ids) {
    Map<Long, Integer> released = new HashMap<>();
    Sql.query(handle, "flowFoldReleases").bind("ids", ArrayArgument.of(Long.class, ids))
        .map((rs, ctx) -> Map.entry(rs.getLong("key_id"), rs.getInt("units")))
        .forEach(entry -> released.merge(entry.getKey(), entry.getValue(), Integer::sum));
    return released;
  }

  /** The steps behind each key (at most {@code caps} of each), best first, locked (SKIP LOCKED). */
  public List<GatedStep> candidates(Claim claim, List<Long> keyIds, List<Integer> caps) {
    return Sql.route(Sql.query(handle, "flowGatedCandidates"), handle, claim)
        .bind("keyIds", ArrayArgument.of(Long.class, keyIds))
        .bind("caps", ArrayArgument.of(Integer.class, caps))
        .bind("workflowNames", ArrayArgument.of(String.class, claim.workflowNames()))
        .bind("fingerprints", ArrayArgument.of(String.class, claim.fingerprints()))
        .bind("labelSigs", ArrayArgument.of(String.class, claim.labelSigs()))
        .map((rs, ctx) -> new GatedStep(rs.getLong("id"), Rows.uuid(rs, "run_id"), rs.getLong("gate_key"),
            rs.getInt("priority"), Rows.longs(rs.getString("step_keys")), Rows.longs(rs.getString("step_units")),
            Rows.longs(rs.getString("run_keys")), rs.getBoolean("run_holds")))
        .list();
  }

  /** The units each (locked) rate key started within its period, oldest first, after forgetting older ones. */
  public List<RateUse> rateUsage(List<Long> ids, List<Long> periodsMs) {
    return Sql.query(handle, "flowRateUsage")
        .bind("ids", ArrayArgument.of(Long.class, ids))
        .bind("periods", ArrayArgument.of(Long.class, periodsMs))
        .map((rs, ctx) -> new RateUse(rs.getLong("key_id"), Rows.instant(rs, "at"), rs.getInt("units")))
        .list();
  }

  /** Writes an admission back: keys, rate log, admitted steps and runs, in one statement. */
  public void admit(AdmissionWrite write) {
    List<String> heldText = new ArrayList<>();
    write.held().forEach(keys -> heldText.add(Rows.arrayText(keys)));
    Sql.query(handle, "flowAdmit")
        .bind("ids", ArrayArgument.of(Long.class, write.keyIds()))
        .bind("released", ArrayArgument.of(Integer.class, write.released()))
        .bind("admitted", ArrayArgument.of(Integer.class, write.holders()))
        .bind("served", ArrayArgument.of(Integer.class, write.served()))
        .bind("rateIds", ArrayArgument.of(Long.class, write.rateIds()))
        .bind("rateUnits", ArrayArgument.of(Integer.class, write.rateUnits()))
        .bind("stepIds", ArrayArgument.of(Long.class, write.stepIds()))
        .bind("held", ArrayArgument.of(String.class, heldText))
        .bind("runIds", ArrayArgument.of(UUID.class, write.runIds()))
        .mapToMap().one();
  }

  /** Leases the admitted steps (locked by this transaction) to the claimer. */
  public List<ClaimedStep> claimAdmitted(Claim claim, List<Long> stepIds) {
    return Store.stepDequeueAndLease(handle, claim, stepIds);
  }

  /**
   * Gives back the keys held by steps of these (locked) runs that left RUNNING, and by these runs if final; a step
   * that may run again queues behind its keys again.
   */
  public KeyRelease release(List<UUID> runIds) {
    return Sql.query(handle, "flowRelease").bind("runIds", ArrayArgument.of(UUID.class, runIds))
        .map((rs, ctx) -> new KeyRelease(rs.getLong("changes"), List.of((Long[]) rs.getArray("freed_keys").getArray())))
        .one();
  }

  /** Locks those of the runs no other transaction holds, without waiting; returns the ids locked. */
  public List<UUID> runTryLockAll(Collection<UUID> ids) {
    return Sql.query(handle, "runTryLockAll").bind("ids", ArrayArgument.of(UUID.class, ids))
        .map((rs, ctx) -> Rows.uuid(rs, "id")).list();
  }

  /** Unfinished runs using a key of a run-level limit, oldest first (the key locked by the caller). */
  public List<UUID> openRunsOf(long keyId) {
    return Sql.query(handle, "runListOpenByKey").bind("keyId", keyId).map((rs, ctx) -> Rows.uuid(rs, "id")).list();
  }

  private static FlowKeyRow key(ResultSet rs) throws SQLException {
    return new FlowKeyRow(rs.getLong("id"), rs.getString("kind"), rs.getString("rule"), rs.getString("key"),
        Rows.nullableInt(rs, "max_units"), (Long) rs.getObject("period_ms"), rs.getInt("in_flight"));
  }
}
