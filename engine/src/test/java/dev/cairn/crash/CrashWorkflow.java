package dev.cairn.crash;

import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Three steps; each records a side effect in {@code <schema>.effects}. In a process started with
 * {@code blockSecond}, the second step records that it started and then never returns (until killed).
 */
@Workflow(name = "crashable")
public final class CrashWorkflow {
  private final String jdbcUrl;
  private final String schema;
  private final boolean blockSecond;

  public CrashWorkflow(String jdbcUrl, String schema, boolean blockSecond) {
    this.jdbcUrl = jdbcUrl;
    this.schema = schema;
    this.blockSecond = blockSecond;
  }

  public static String createEffectsTable(String schema) {
    return "CREATE TABLE IF NOT EXISTS " + schema + ".effects (run_id uuid, step text, attempt int, pid bigint)";
  }

  private void record(StepContext ctx) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO " + schema + ".effects VALUES (?, ?, ?, ?)")) {
      insert.setObject(1, ctx.runId());
      insert.setString(2, ctx.stepName());
      insert.setInt(3, ctx.attempt());
      insert.setLong(4, ProcessHandle.current().pid());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Step
  int first(Integer input, StepContext ctx) {
    record(ctx);
    return input + 1;
  }

  @Step(parents = "first", timeout = "1h")
  int second(@Parent("first") int value, StepContext ctx) throws InterruptedException {
    record(ctx);
    if (blockSecond) {
      Thread.sleep(Long.MAX_VALUE);
    }
    return value * 10;
  }

  @Step(parents = "second")
  String third(@Parent("second") int value, StepContext ctx) {
    record(ctx);
    return "result " + value;
  }
}
