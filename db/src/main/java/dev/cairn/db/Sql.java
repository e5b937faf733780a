package dev.cairn.db;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.Update;

/**
 * Loads statements from {@code dev/cairn/db/sql/NAME.sql}, comments removed, each read once, and prepares them
 * with {@code :now} bound from the handle's {@link StatementClock} (statements that do not use it ignore it).
 */
final class Sql {
  private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.removingComments();
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Sql() {}

  static String named(String name) {
    return CACHE.computeIfAbsent(name, n -> LOCATOR.getResource(Sql.class.getClassLoader(), "dev/cairn/db/sql/" + n + ".sql"));
  }

  /** The named statement as a query (it returns rows), with {@code :now} bound. */
  static Query query(Handle handle, String name) {
    return handle.createQuery(named(name)).bindByType("now", now(handle), Instant.class);
  }

  /**
   * The named statements as one query, sent in one round trip and run in order; each statement's answer is a result
   * of its own ({@link java.sql.Statement#getMoreResults}). Their parameters share one namespace, so statements sent
   * together must not use one name for different values.
   */
  static Query query(Handle handle, String first, String... more) {
    return handle.createQuery(joined(first, more)).bindByType("now", now(handle), Instant.class);
  }

  /** The text of the named statements sent as one, in order (see {@link #query(Handle, String, String...)}). */
  static String joined(String first, String... more) {
    if (more.length == 0) {
      return named(first);
    }
    String key = first + ";" + String.join(";", more);
    String sql = CACHE.get(key);
    if (sql == null) { // not computeIfAbsent: named() updates the same map
      StringBuilder joined = new StringBuilder(named(first));
      for (String name : more) {
        joined.append(";\n").append(named(name));
      }
      sql = joined.toString();
      CACHE.putIfAbsent(key, sql);
    }
    return sql;
  }

  /** The named statement as an update (no rows back), with {@code :now} bound. */
  static Update update(Handle handle, String name) {
    return handle.createUpdate(named(name)).bindByType("now", now(handle), Instant.class);
  }

  /** Fills the {@code <routing>} slot of a claim statement for {@code claim} and binds what it uses. */
  static Query route(Query query, Handle handle, Claim claim) {
    query.define("routing", claim.routing(schema(handle)));
    if (claim.runIds() != null) {
      query.bind("runIds", ArrayArgument.of(UUID.class, claim.runIds()));
    }
    return query.bind("laterSigs", ArrayArgument.of(String.class, claim.laterSigs()))
        .bind("graceMillis", claim.graceMillis())
        .bind("workerId", claim.workerId());
  }

  /**
   * Runs {@code work} (one statement with optional filters) in a transaction of its own, planned for the values it
   * is given. The engine's own pool plans every statement once for all values ({@code force_generic_plan}, see
   * {@code EngineDatabase}), which saves the hot path's statements a planning each; a statement whose best plan
   * depends on which filters are set would scan under a plan made for none.
   */
  static <T> T plannedForValues(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
    return jdbi.inTransaction(handle -> {
      handle.execute("SET LOCAL plan_cache_mode = force_custom_plan");
      return work.withHandle(handle);
    });
  }

  /** The engine schema the handle's statements run in. */
  static String schema(Handle handle) {
    return (String) handle.getConfig(SqlStatements.class).getAttribute("schema");
  }

  /** The "now" of the handle's statements (null: the database's clock). */
  static Instant now(Handle handle) {
    return handle.getConfig(StatementClock.class).now();
  }
}
