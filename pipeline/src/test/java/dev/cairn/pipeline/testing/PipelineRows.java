package dev.cairn.pipeline.testing;

import dev.cairn.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts of every table a pipeline writes: the pipeline's own schema (whatever tables its migrations made) and
 * the engine's runs. Two counts being equal means a request wrote nothing.
 */
public final class PipelineRows {
  private PipelineRows() {}

  /** Table name to row count, for the pipeline tables of {@code pipelineSchema} and the engine's runs. */
  public static Map<String, Long> count(String engineSchema, String pipelineSchema) {
    List<String> tables = new ArrayList<>();
    tables(pipelineSchema).forEach(table -> tables.add(pipelineSchema + "." + table));
    tables.add(engineSchema + ".runs");
    StringBuilder query = new StringBuilder("SELECT ");
    for (int i = 0; i < tables.size(); i++) {
      query.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM ").append(tables.get(i)).append(')');
    }
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(query.toString())) {
      row.next();
      for (int i = 0; i < tables.size(); i++) {
        counts.put(tables.get(i), row.getLong(i + 1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count the rows of " + tables, e);
    }
    return counts;
  }

  private static List<String> tables(String schema) {
    List<String> tables = new ArrayList<>();
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE "
            + "table_schema = '" + schema + "' AND table_type = 'BASE TABLE' AND table_name <> "
            + "'pipeline_schema_history' ORDER BY table_name")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the tables of " + schema, e);
    }
    if (tables.isEmpty()) {
      throw new IllegalStateException("schema " + schema + " has no tables");
    }
    return tables;
  }
}
