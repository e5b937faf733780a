package dev.cairn.embedded;

import java.nio.file.Path;

/**
 * The engine's default database, started by the application itself: an embedded PostgreSQL whose data directory
 * persists between restarts, run with durable settings. Use it when the application keeps its own tables beside
 * the engine's and both should share the one database: start it, give {@link #jdbcUrl()} to
 * {@link Cairn.Builder#jdbcUrl} and to your own pool, close it after the engine.
 */
public final class LocalPostgres implements AutoCloseable {
  /** The user of {@link #jdbcUrl()}; it has no password. */
  public static final String USER = "postgres";

  private final EmbeddedDatabase database;

  private LocalPostgres(EmbeddedDatabase database) {
    this.database = database;
  }

  /** Starts PostgreSQL on {@code dataDirectory} (created and initialised on first use). */
  public static LocalPostgres start(Path dataDirectory) {
    return new LocalPostgres(EmbeddedDatabase.start(dataDirectory));
  }

  /** JDBC URL of the {@code postgres} database, for user {@link #USER}. */
  public String jdbcUrl() {
    return database.jdbcUrl();
  }

  @Override
  public void close() {
    database.close();
  }
}
