package dev.cairn.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The harness the fault-injection test stands on: PostgreSQL crashed and started again keeps what it committed. */
class RestartablePostgresTest {
  @Test
  void anImmediateStopKeepsEveryCommittedRowAndTheServerComesBackOnTheSamePort() throws Exception {
    Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "fault-pg")), "harness");
    try (RestartablePostgres postgres = RestartablePostgres.create(directory)) {
      execute(postgres, "CREATE TABLE kept (n int)");
      execute(postgres, "INSERT INTO kept SELECT generate_series(1, 1000)");
      postgres.crash();
      assertThrows(SQLException.class, () -> count(postgres), "nothing answers while it is down");
      postgres.start();
      assertEquals(1000, count(postgres));
      assertEquals("on", show(postgres, "synchronous_commit"), "acknowledged commits survive the crash");
      assertEquals("on", show(postgres, "track_commit_timestamp"));
    }
  }

  private static void execute(RestartablePostgres postgres, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long count(RestartablePostgres postgres) throws SQLException {
    return Long.parseLong(query(postgres, "SELECT count(*) FROM kept"));
  }

  private static String show(RestartablePostgres postgres, String setting) throws SQLException {
    return query(postgres, "SHOW " + setting);
  }

  private static String query(RestartablePostgres postgres, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl() + "?connectTimeout=2", "postgres",
        ""); Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
