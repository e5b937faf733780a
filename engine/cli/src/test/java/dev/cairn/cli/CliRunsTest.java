package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** trigger, runs list/get/delete, cancel, replay and events against a real server, in table and JSON output. */
class CliRunsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final TestServer server = new TestServer();

  private static UUID triggered(Cli.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    return UUID.fromString(result.out().strip());
  }

  private static RunView finished(UUID run) {
    return server.cairn().await(run, Duration.ofSeconds(30));
  }

  @Test
  void triggerPrintsTheRunIdAndGetShowsStepsAndResult() throws Exception {
    UUID run = triggered(Cli.against(server).run("trigger", "greeter", "{\"name\":\"Ada\",\"times\":2}",
        "--metadata", "suite=get"));
    assertEquals(RunStatus.SUCCEEDED, finished(run).status());

    Cli.Result table = Cli.against(server).run("runs", "get", run.toString());
    assertEquals(0, table.exitCode(), table.toString());
    assertTrue(table.out().contains("status    SUCCEEDED"), table.out());
    assertTrue(table.out().contains("metadata  suite=get"), table.out());
    assertTrue(table.lines().stream().anyMatch(line -> line.matches("compose\\s+SUCCEEDED\\s+1\\s+.*")), table.out());
    assertTrue(table.out().contains("result    \"Hello, Ada!\""), table.out());

    Cli.Result json = Cli.against(server).run("runs", "get", run.toString(), "-o", "json");
    JsonNode view = JSON.readTree(json.out());
    assertEquals(run.toString(), view.get("id").asText());
    assertEquals("SUCCEEDED", view.get("status").asText());
    assertEquals("Hello, Ada!", view.get("result").asText());
    assertEquals("Hello, Ada", view.get("steps").get(0).get("outputJson").asText());
    assertEquals("", json.err());
  }

  @Test
  void inputComesFromAFileOrStandardInput() throws Exception {
    Path file = Files.createTempFile(Path.of("target"), "input", ".json");
    Files.writeString(file, "{\"name\": \"File\", \"times\": 0}\n");
    UUID fromFile = triggered(Cli.against(server).run("trigger", "greeter", "-f", file.toString()));
    UUID fromStdin = triggered(Cli.against(server).stdin("{\"name\": \"Stdin\", \"times\": 0}")
        .run("trigger", "greeter", "--input-file", "-"));
    assertEquals("Hello, File!", finished(fromFile).result(String.class));
    assertEquals("Hello, Stdin!", finished(fromStdin).result(String.class));
  }

  @Test
  void listFiltersByWorkflowStatusAndMetadataInTableAndJson() throws Exception {
    UUID ok = triggered(Cli.against(server).run("trigger", "greeter", "{\"name\":\"L\",\"times\":0}", "--metadata",
        "suite=list"));
    UUID failed = triggered(Cli.against(server).run("trigger", "failing", "\"x\"", "--metadata", "suite=list"));
    finished(ok);
    finished(failed);

    Cli.Result json = Cli.against(server).run("runs", "list", "--metadata", "suite=list", "-o", "json");
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode runs = JSON.readTree(json.out()).get("runs");
    assertEquals(2, runs.size(), json.out());
    assertEquals(failed.toString(), runs.get(0).get("id").asText(), "newest first");

    Cli.Result onlyFailed = Cli.against(server).run("runs", "list", "--metadata", "suite=list", "--status",
        "failed");
    assertEquals(0, onlyFailed.exitCode(), onlyFailed.toString());
    assertEquals(2, onlyFailed.lines().size(), onlyFailed.out());
    assertTrue(onlyFailed.lines().get(0).startsWith("RUN"), onlyFailed.out());
    assertTrue(onlyFailed.lines().get(1).matches(failed + "\\s+failing\\s+FAILED\\s.*"), onlyFailed.out());
    assertTrue(onlyFailed.lines().get(1).contains("step 'boom' failed"), onlyFailed.out());

    Cli.Result paged = Cli.against(server).run("runs", "list", "--metadata", "suite=list", "--limit", "1");
    assertEquals(2, paged.lines().size(), paged.out());
    assertTrue(paged.err().startsWith("more runs: --page-token "), paged.err());
    Cli.Result all = Cli.against(server).run("runs", "list", "--metadata", "suite=list", "--limit", "1", "--all");
    assertEquals(3, all.lines().size(), all.out());
  }

  @Test
  void cancelAndReplayReportWhatChanged() throws Exception {
    UUID waiting = triggered(Cli.against(server).run("trigger", "approval", "\"cancel-me\""));
    Cli.Result cancelled = Cli.against(server).run("cancel", waiting.toString());
    assertEquals(0, cancelled.exitCode(), cancelled.toString());
    assertEquals("cancelled run " + waiting, cancelled.out().strip());
    assertEquals(RunStatus.CANCELLED, finished(waiting).status());
    Cli.Result again = Cli.against(server).run("cancel", waiting.toString(), "-o", "json");
    assertFalse(JSON.readTree(again.out()).get("cancelled").asBoolean(), again.out());

    UUID failed = triggered(Cli.against(server).run("trigger", "failing", "\"y\""));
    finished(failed);
    Cli.Result replayed = Cli.against(server).run("replay", failed.toString());
    assertEquals(0, replayed.exitCode(), replayed.toString());
    assertEquals("replaying run " + failed, replayed.out().strip());
  }

  @Test
  void bulkCancelNeedsAFilterAndCountsWhatItMatched() {
    UUID first = triggered(Cli.against(server).run("trigger", "approval", "\"bulk-1\"", "--metadata", "suite=bulk"));
    UUID second = triggered(Cli.against(server).run("trigger", "approval", "\"bulk-2\"", "--metadata", "suite=bulk"));
    Cli.Result none = Cli.against(server).run("cancel");
    assertEquals(2, none.exitCode(), none.toString());
    Cli.Result bulk = Cli.against(server).run("cancel", "--metadata", "suite=bulk");
    assertEquals(0, bulk.exitCode(), bulk.toString());
    assertEquals("matched 2, cancelled 2", bulk.out().strip());
    assertEquals(RunStatus.CANCELLED, finished(first).status());
    assertEquals(RunStatus.CANCELLED, finished(second).status());
  }

  @Test
  void pushedEventWakesTheWaitingStepAndIsListed() throws Exception {
    UUID run = triggered(Cli.against(server).run("trigger", "approval", "\"push-key\""));
    server.cairn().events(run, 0, 100);
    Cli.Result pushed = Cli.against(server).run("events", "push", "push-key", "\"yes\"", "--event-id", "e-1");
    assertEquals(0, pushed.exitCode(), pushed.toString());
    assertTrue(pushed.out().startsWith("pushed event e-1 of key push-key"), pushed.out());
    assertEquals("yes", finished(run).result(String.class));

    Cli.Result listed = Cli.against(server).run("events", "list", "push-key", "-o", "json");
    JsonNode events = JSON.readTree(listed.out());
    assertEquals("e-1", events.get(0).get("eventId").asText(), listed.out());
    assertEquals("yes", events.get(0).get("payloadJson").asText(), listed.out());
  }

  @Test
  void deleteRemovesAFinishedRun() {
    UUID run = triggered(Cli.against(server).run("trigger", "greeter", "{\"name\":\"D\",\"times\":0}"));
    finished(run);
    Cli.Result deleted = Cli.against(server).run("runs", "delete", run.toString());
    assertEquals(0, deleted.exitCode(), deleted.toString());
    assertEquals(3, Cli.against(server).run("runs", "get", run.toString()).exitCode());
  }
}
