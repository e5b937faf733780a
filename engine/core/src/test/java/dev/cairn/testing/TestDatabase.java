package dev.cairn.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, started on first use under {@code target/}, and a fresh schema per
 * test class or test. Tests relax durability ({@code fsync} off) for speed; the engine's own default and the
 * benchmarks never do.
 */
public final class TestDatabase {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabase() {}

  public static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        Path base = Path.of("target", "test-pg").toAbsolutePath();
        Files.createDirectories(base);
        postgres = EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(base.toFile())
            .setDataDirectory(Files.createTempDirectory(base, "data"))
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_connections", "300")
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the JVM is going away; the data directory is under target/
          }
        }));
      } catch (IOException e) {
        throw new IllegalStateException("cannot start embedded PostgreSQL for tests", e);
      }
    }
    return postgres;
  }

  public static String jdbcUrl() {
    return postgres().getJdbcUrl("postgres", "postgres");
  }

  public static DataSource dataSource() {
    return postgres().getPostgresDatabase();
  }

  /** A schema name not used by any other test in this JVM (the engine creates the schema). */
  public static String newSchema() {
    return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
  }

  /** Runs SQL for test bookkeeping (side-effect tables and the like). */
  public static void execute(String sql) {
    try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs a query returning one text (null for SQL NULL). */
  public static String queryText(String sql) {
    try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
        var rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Runs a query returning one number. */
  public static long queryLong(String sql) {
    try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
        var rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
