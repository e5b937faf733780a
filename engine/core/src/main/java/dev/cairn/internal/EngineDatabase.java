package dev.cairn.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.db.CairnSchema;
import dev.cairn.embedded.EmbeddedDatabase;
import dev.cairn.internal.service.DatabaseStartup;
import javax.sql.DataSource;

/**
 * The engine's database: the one it was given, a pool it owns on a JDBC URL, or the embedded PostgreSQL it starts;
 * migrated (waiting for the database if it cannot be reached yet). Closes what it owns. Thread-safe.
 */
final class EngineDatabase implements AutoCloseable {
  private final EmbeddedDatabase embedded;
  private final HikariDataSource ownPool;
  private final DataSource dataSource;

  EngineDatabase(DatabaseSettings settings, int workerSlots) {
    this.embedded = settings.embeddedDataDirectory() == null ? null
        : EmbeddedDatabase.start(settings.embeddedDataDirectory());
    if (settings.dataSource() != null) {
      this.ownPool = null;
      this.dataSource = settings.dataSource();
    } else {
      this.ownPool = embedded != null ? pool(embedded.jdbcUrl(), "postgres", "postgres", workerSlots)
          : pool(settings.jdbcUrl(), settings.user(), settings.password(), workerSlots);
      this.dataSource = ownPool;
    }
    try {
      DatabaseStartup.run("migrating schema " + settings.schema(), settings.startupWait(),
          () -> CairnSchema.migrate(dataSource, settings.schema()));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static HikariDataSource pool(String url, String user, String password, int slots) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(Math.max(8, Math.min(32, slots / 4 + 6)));
    hikari.setPoolName("cairn");
    // Plan each prepared statement once, not at every execution: the hot path's statements (a completion's, the
    // waiters') were planned anew each time, 1.4 ms of a single-step run. The few statements whose plan depends on
    // which optional filters are set ask for a plan of their own (Sql.plannedForValues). No JIT: the engine's
    // statements each touch a few rows, and a generic plan's cost estimate can pass jit_above_cost, which made a
    // claim compile expressions for tens of milliseconds (seen on PostgreSQL 15 with LLVM).
    hikari.setConnectionInitSql("SET plan_cache_mode = force_generic_plan; SET jit = off");
    // Start without the database (the engine waits for it) and answer "unavailable" within seconds, not 30.
    hikari.setInitializationFailTimeout(-1);
    hikari.setConnectionTimeout(5_000);
    return new HikariDataSource(hikari);
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Whether the engine started the embedded database (it then stops it last, also when the JVM exits). */
  boolean isEmbedded() {
    return embedded != null;
  }

  /** The JDBC URL of the embedded database, or null. */
  String embeddedJdbcUrl() {
    return embedded == null ? null : embedded.jdbcUrl();
  }

  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
