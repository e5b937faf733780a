package dev.cairn.db;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The flow-control statements that run on their own: keys, static rate limits, the reconciler's sweep. */
public final class FlowStore {
  /** A key to create (if missing) for a trigger. */
  public record KeySpec(String kind, String rule, String key, Integer maxUnits, Long periodMs) {}

  /** A static rate limit as stored. */
  public record RateLimitRow(String rule, int maxUnits, long periodMs) {}

  private final Jdbi jdbi;

  FlowStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The id of each key, in order, creating those that do not exist. */
  public List<Long> ensureKeys(List<KeySpec> keys) {
    // A key another transaction inserted after this statement's snapshot is neither inserted here (the conflict)
    // nor visible to the statement's join: its id comes back null. The next statement's snapshot sees it.
    for (int tries = 1; ; tries++) {
      List<Long> ids = jdbi.withHandle(handle -> Sql.query(handle, "flowKeyEnsureAll")
          .bind("kinds", ArrayArgument.of(String.class, StoreTx.map(keys, KeySpec::kind)))
          .bind("rules", ArrayArgument.of(String.class, StoreTx.map(keys, KeySpec::rule)))
          .bind("keys", ArrayArgument.of(String.class, StoreTx.map(keys, KeySpec::key)))
          .bind("maxUnits", ArrayArgument.of(Integer.class, StoreTx.map(keys, KeySpec::maxUnits)))
          .bind("periods", ArrayArgument.of(Long.class, StoreTx.map(keys, KeySpec::periodMs)))
          .map((rs, ctx) -> (Long) rs.getObject("id"))
          .list());
      if (!ids.contains(null)) {
        return ids;
      }
      if (tries == 3) {
        throw new IllegalStateException("flow keys could not be created or found: " + keys.size() + " asked");
      }
    }
  }

  /** Sets a rule's limit on all its keys (a limit declared in code changed); static rate limits excepted. */
  public int updateLimit(String rule, Integer maxUnits, Long periodMs) {
    return jdbi.withHandle(handle -> Sql.update(handle, "flowKeyUpdateLimit").bind("rule", rule)
        .bind("maxUnits", maxUnits).bind("periodMs", periodMs).execute());
  }

  /** Creates or changes a static rate limit. */
  public void setRateLimit(String rule, int units, long periodMs) {
    jdbi.useHandle(handle -> Sql.update(handle, "rateLimitSet").bind("rule", rule).bind("units", units)
        .bind("periodMs", periodMs).execute());
  }

  /** The static rate limits that are set. */
  public List<RateLimitRow> rateLimits() {
    return jdbi.withHandle(handle -> Sql.query(handle, "rateLimitList")
        .map((rs, ctx) -> new RateLimitRow(rs.getString("rule"), rs.getInt("max_units"), rs.getLong("period_ms")))
        .list());
  }

  /** Queued steps (at most {@code limit}) that waited {@code afterMillis} with nothing said about why. */
  public List<BlockedStep> blockedSteps(long afterMillis, int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "flowBlockedSteps").bind("afterMillis", afterMillis)
        .bind("limit", limit)
        .map((rs, ctx) -> new BlockedStep(rs.getLong("id"), Rows.uuid(rs, "run_id"), rs.getInt("attempt"),
            rs.getString("label_sig"), rs.getString("kind"), rs.getString("rule"), rs.getString("key"),
            Rows.nullableInt(rs, "max_units"), (Long) rs.getObject("period_ms"), Rows.nullableInt(rs, "in_flight")))
        .list());
  }

  /** Runs (at most {@code limit}) where a step or the run itself holds keys it should have given back. */
  public List<UUID> runsWithStaleHolds(int limit) {
    return jdbi.withHandle(handle -> Sql.query(handle, "flowReleaseStale").bind("limit", limit)
        .map((rs, ctx) -> Rows.uuid(rs, "run_id")).list());
  }
}
