package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseChoiceTest {
  @Workflow(name = "echo")
  static final class Echo {
    @Step
    String echo(String input) {
      return input;
    }
  }

  @Test
  void runsOnAGivenDataSource() {
    try (Cairn cairn = Cairn.builder().dataSource(TestDatabase.dataSource()).schema(TestDatabase.newSchema())
        .pollInterval(Duration.ofMillis(200)).register(new Echo()).build()) {
      cairn.start();
      assertEquals("hello", cairn.trigger("echo", "hello").result(String.class, Duration.ofSeconds(30)));
    }
  }

  @Test
  void embeddedDefaultIsDurableAndKeepsItsDataAcrossRestarts() throws Exception {
    Path dataDirectory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "embedded-default");
    RunHandle run;
    try (Cairn cairn = Cairn.builder().embeddedDataDirectory(dataDirectory.resolve("pgdata"))
        .register(new Echo()).build()) {
      cairn.start();
      run = cairn.trigger("echo", "kept");
      assertEquals("kept", run.result(String.class, Duration.ofSeconds(30)));
      String url = CairnTestAccess.engine(cairn).embeddedJdbcUrl();
      assertNotNull(url);
      try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
          Statement statement = connection.createStatement()) {
        assertEquals("on", show(statement, "fsync"));
        assertEquals("on", show(statement, "synchronous_commit"));
      }
    }
    try (Cairn again = Cairn.builder().embeddedDataDirectory(dataDirectory.resolve("pgdata"))
        .register(new Echo()).build()) {
      assertEquals(RunStatus.SUCCEEDED, again.getRun(run.id()).status());
      assertEquals("kept", again.getRun(run.id()).output("echo", String.class));
    }
  }

  private static String show(Statement statement, String setting) throws Exception {
    try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
