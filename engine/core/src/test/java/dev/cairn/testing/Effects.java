package dev.cairn.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Side effects recorded by test workflows in {@code <schema>.effects}, one row per execution, with the process
 * that ran it; works from child JVMs too (plain JDBC on the URL given).
 */
public final class Effects {
  private final String jdbcUrl;
  private final String schema;

  public Effects(String jdbcUrl, String schema) {
    this.jdbcUrl = jdbcUrl;
    this.schema = schema;
  }

  public static void createTable(String schema) {
    TestDatabase.execute("CREATE TABLE IF NOT EXISTS " + schema
        + ".effects (run_id uuid, step text, attempt int, pid bigint)");
  }

  public static long count(String schema, String step) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".effects WHERE step = '" + step + "'");
  }

  public void record(UUID runId, String step, int attempt) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO " + schema + ".effects VALUES (?, ?, ?, ?)")) {
      insert.setObject(1, runId);
      insert.setString(2, step);
      insert.setInt(3, attempt);
      insert.setLong(4, ProcessHandle.current().pid());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
