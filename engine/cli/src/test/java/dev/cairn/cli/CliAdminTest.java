package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.RateLimits;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** tokens, rate limits, schedules, workflows, whoami and completion against a real server. */
class CliAdminTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final TestServer server = new TestServer();

  private static Cli admin() {
    return Cli.against(server).env("CAIRN_TOKEN", server.admin().secret());
  }

  private static Cli.Result ok(Cli cli, String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(0, result.exitCode(), result.toString());
    return result;
  }

  @Test
  void aCreatedTokenWorksUntilItIsRevoked() throws Exception {
    JsonNode created = JSON.readTree(ok(admin(), "tokens", "create", "ci", "--role", "client", "--expires-in", "1d",
        "-o", "json").out());
    String secret = created.get("secret").asText();
    String id = created.get("token").get("id").asText();
    assertEquals("CLIENT", created.get("token").get("role").asText());

    Cli.Result whoami = ok(Cli.against(server).env("CAIRN_TOKEN", secret), "whoami");
    assertTrue(whoami.out().contains(id) && whoami.out().contains("ci"), whoami.out());
    assertTrue(ok(admin(), "tokens", "list").lines().stream()
        .anyMatch(line -> line.matches(id + "\\s+ci\\s+CLIENT\\s.*")));

    assertEquals("revoked token " + id, ok(admin(), "tokens", "revoke", id).out().strip());
    assertEquals(4, Cli.against(server).env("CAIRN_TOKEN", secret).run("whoami").exitCode());
  }

  @Test
  void workersListShowsTheNodesOwnSlotsWithTheirDefinitionsToAnAdminOnly() throws Exception {
    Cli.Result table = ok(admin(), "workers", "list");
    assertTrue(table.lines().get(0).matches("WORKER\\s+KIND\\s+STATE\\s+NODE.*"), table.toString());
    // Long cells are cut in the table (the JSON below has every definition).
    assertTrue(table.lines().stream().anyMatch(line -> line.contains("EMBEDDED") && line.contains("CONNECTED")
        && line.matches(".*\\s0/\\d+\\s.*") && line.contains("approval@")), table.out());
    JsonNode listed = JSON.readTree(ok(admin(), "workers", "list", "--connected", "--workflow", "greeter", "-o",
        "json").out());
    JsonNode own = listed.get("workers").get(0);
    assertEquals("EMBEDDED", own.get("kind").asText());
    assertTrue(own.get("slots").asInt() > 0, own.toString());
    assertTrue(own.get("definitions").findValuesAsText("workflowName").contains("greeter"), own.toString());
    assertEquals(0, JSON.readTree(ok(admin(), "workers", "list", "--workflow", "no-such-workflow", "-o", "json")
        .out()).get("workers").size());
    assertEquals(4, Cli.against(server).run("workers", "list").exitCode(), "a client token may not list workers");
    assertEquals(2, admin().run("workers", "list", "--page-size", "0").exitCode(), "page size 1..1000");
  }

  @Test
  void tokenCreateShowsTheSecretOnce() {
    Cli.Result created = ok(admin(), "tokens", "create", "worker-7", "--role", "WORKER", "--worker-id", "w-7");
    assertTrue(created.lines().stream().anyMatch(line -> line.startsWith("secret cairn_")), created.out());
    assertTrue(created.out().contains("w-7"), created.out());
    assertFalse(ok(admin(), "tokens", "list").out().contains("secret"));
  }

  @Test
  void rateLimitsAreSetAndListed() throws Exception {
    assertEquals("rate limit llm: 10 per 1.0s", ok(admin(), "rate-limits", "set", "llm", "--units", "10", "--period",
        "1s").out().strip());
    assertEquals(new RateLimits.Limit("llm", 10, Duration.ofSeconds(1)), server.cairn().rateLimits().get("llm")
        .orElseThrow());
    JsonNode limits = JSON.readTree(ok(admin(), "rate-limits", "list", "-o", "json").out());
    assertEquals(1000, limits.get(0).get("periodMs").asLong());
    assertEquals(2, Cli.against(server).run("rate-limits", "set", "x", "--units", "1").exitCode(), "--period needed");
  }

  @Test
  void schedulesAreCreatedPausedTriggeredAndDeleted() throws Exception {
    ok(Cli.against(server), "schedules", "create", "hourly", "--workflow", "greeter", "--cron", "0 * * * *",
        "--time-zone", "Europe/Paris", "--overlap", "skip", "{\"name\":\"Cron\",\"times\":0}");
    Cli.Result listed = ok(Cli.against(server), "schedules", "list");
    assertTrue(listed.lines().get(1).matches("hourly\\s+greeter\\s+0 \\* \\* \\* \\*\\s+Europe/Paris\\s+no\\s+.*"),
        listed.out());
    assertTrue(ok(Cli.against(server), "schedules", "pause", "hourly").out().contains("paused"));
    JsonNode got = JSON.readTree(ok(Cli.against(server), "schedules", "get", "hourly", "-o", "json").out());
    assertTrue(got.get("paused").asBoolean());
    assertEquals("Cron", got.get("inputJson").get("name").asText());
    assertEquals("SKIP", got.get("overlap").asText());

    UUID run = UUID.fromString(ok(Cli.against(server), "schedules", "trigger", "hourly").out().strip());
    assertEquals("Hello, Cron!", server.cairn().await(run, Duration.ofSeconds(30)).result(String.class));
    ok(Cli.against(server), "schedules", "resume", "hourly");
    ok(Cli.against(server), "schedules", "delete", "hourly");
    assertEquals(3, Cli.against(server).run("schedules", "get", "hourly").exitCode());
    assertEquals(2, Cli.against(server).run("schedules", "create", "bad", "--workflow", "greeter", "--cron",
        "not cron").exitCode());
  }

  @Test
  void workflowsArePausedListedAndResumed() throws Exception {
    assertTrue(ok(Cli.against(server), "workflows", "pause", "failing").out().startsWith("workflow failing paused"));
    JsonNode paused = JSON.readTree(ok(Cli.against(server), "workflows", "list-paused", "-o", "json").out());
    assertEquals("failing", paused.get(0).get("workflow").asText());
    assertEquals("workflow failing resumed", ok(Cli.against(server), "workflows", "resume", "failing").out().strip());
    assertEquals("workflow failing was not paused", ok(Cli.against(server), "workflows", "resume", "failing").out()
        .strip());
    ok(Cli.against(server), "workflows", "set-retention", "greeter", "7d");
    assertTrue(ok(Cli.against(server), "workflows", "list-retentions").out().contains("PT168H"));
    ok(Cli.against(server), "workflows", "clear-retention", "greeter");
  }

  @Test
  void anEventTriggerStartsItsWorkflowForMatchingPushes() throws Exception {
    ok(Cli.against(server), "event-triggers", "create", "greet-on-hello", "--key", "hello", "--workflow", "greeter",
        "--filter", "/payload/times == 0");
    Cli.Result listed = ok(Cli.against(server), "event-triggers", "list");
    assertTrue(listed.lines().get(1).matches("greet-on-hello\\s+hello\\s+greeter\\s+/payload/times == 0\\s.*"),
        listed.out());
    JsonNode pushed = JSON.readTree(ok(Cli.against(server), "events", "push", "hello", "{\"name\":\"Ev\",\"times\":0}",
        "-o", "json").out());
    UUID run = UUID.fromString(pushed.get("runIds").get(0).asText());
    assertEquals("Hello, Ev!", server.cairn().await(run, Duration.ofSeconds(30)).result(String.class));
    assertEquals(6, Cli.against(server).run("event-triggers", "create", "greet-on-hello", "--key", "hello",
        "--workflow", "greeter").exitCode(), "a name in use");
    ok(Cli.against(server), "event-triggers", "delete", "greet-on-hello");
    assertEquals(3, Cli.against(server).run("event-triggers", "delete", "greet-on-hello").exitCode());
  }

  @Test
  void completionPrintsABashScriptCoveringTheCommands() {
    Cli.Result script = ok(Cli.bare(), "completion");
    assertTrue(script.out().contains("complete -F _complete_cairn"), script.out());
    assertTrue(script.out().contains("schedules") && script.out().contains("list-paused"), "subcommands listed");
  }

  @Test
  void everyCommandHasHelpWithTheExitCodes() {
    for (String[] command : new String[][] {{}, {"runs"}, {"runs", "watch"}, {"trigger"}, {"cancel"}, {"replay"},
        {"events", "push"}, {"schedules", "create"}, {"rate-limits", "set"}, {"workflows", "pause"},
        {"tokens", "create"}, {"event-triggers", "create"}, {"config", "set-profile"}, {"completion"}}) {
      String[] args = Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      Cli.Result help = ok(Cli.bare(), args);
      assertTrue(help.out().startsWith("Usage: cairn"), help.out());
      assertTrue(help.out().contains("Exit codes: 0 ok"), help.out());
    }
  }
}
