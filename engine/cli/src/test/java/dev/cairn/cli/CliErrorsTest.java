package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input, bad tokens and an unreachable server: each gives one line on standard error naming what was wrong, the
 * documented exit code, nothing on standard output, and no change on the server.
 */
class CliErrorsTest {
  @RegisterExtension
  static final TestServer server = new TestServer();

  /** Runs the command, expecting it to fail with this code and an error line containing {@code message}. */
  private static Cli.Result refused(Cli cli, int exitCode, String message, String... args) {
    long runs = server.count("runs");
    long events = server.count("events");
    Cli.Result result = cli.run(args);
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertEquals("", result.out(), result.toString());
    String firstLine = result.err().lines().findFirst().orElse("");
    assertTrue(firstLine.startsWith("error: ") && firstLine.contains(message), result.toString());
    assertTrue(result.err().lines().count() <= 2, "one line (and a pointer to --help): " + result);
    assertTrue(!result.err().contains("\tat "), "no stack trace: " + result);
    assertEquals(runs, server.count("runs"), "no run was created");
    assertEquals(events, server.count("events"), "no event was written");
    return result;
  }

  @Test
  void anUnknownRunIsNotFound() {
    UUID unknown = UUID.randomUUID();
    refused(Cli.against(server), 3, "NOT_FOUND", "runs", "get", unknown.toString());
    refused(Cli.against(server), 3, "NOT_FOUND", "cancel", unknown.toString());
    refused(Cli.against(server), 3, "NOT_FOUND", "runs", "watch", unknown.toString());
  }

  @Test
  void aMalformedRunIdIsAUsageError() {
    refused(Cli.against(server), 2, "'not-a-uuid' is not a run id", "runs", "get", "not-a-uuid");
    refused(Cli.against(server), 2, "is not a run id", "replay", "1-2-3-4-5");
  }

  @Test
  void badJsonInputIsRefusedBeforeAnythingIsSent() {
    refused(Cli.against(server), 2, "input is not valid JSON", "trigger", "greeter", "{\"name\": ");
    refused(Cli.against(server), 2, "input is not valid JSON", "trigger", "greeter", "{} trailing");
    refused(Cli.against(server), 2, "cannot read", "trigger", "greeter", "-f", "target/no-such-file.json");
    refused(Cli.against(server).stdin(""), 2, "input from standard input is empty", "trigger", "greeter", "-f", "-");
    refused(Cli.against(server), 2, "payload is not valid JSON", "events", "push", "k", "[1,");
  }

  @Test
  void inputTheServerRefusesNamesTheField() {
    refused(Cli.against(server), 2, "INVALID_ARGUMENT", "trigger", "no-such-workflow", "1");
    refused(Cli.against(server), 2, "INVALID_ARGUMENT", "trigger", "greeter", "\"not a greeting\"");
  }

  @Test
  void hugeAndNulArgumentsAreRefusedOnOneLine() {
    String huge = "w".repeat(1_000_000);
    Cli.Result hugeName = refused(Cli.against(server), 2, "workflow", "trigger", huge, "1");
    assertTrue(hugeName.err().length() < 2000, "the value is not echoed whole: " + hugeName.err().length());
    refused(Cli.against(server), 2, "", "trigger", "gree\0ter", "1");
    refused(Cli.against(server), 2, "NUL", "trigger", "greeter", "\"a\0b\"");
    refused(Cli.against(server), 2, "", "events", "push", "key\0", "1");
    refused(Cli.against(server), 2, "", "runs", "list", "--workflow", "a\nb");
  }

  @Test
  void aMissingTokenOrAWrongOneIsAnAuthenticationError() {
    refused(Cli.bare().env("CAIRN_SERVER", server.target()), 4, "no token", "runs", "list");
    refused(Cli.against(server).env("CAIRN_TOKEN", "cairn_nope_wrong"), 4, "UNAUTHENTICATED", "runs", "list");
    refused(Cli.against(server).env("CAIRN_TOKEN", server.worker().secret()), 4, "PERMISSION_DENIED", "trigger",
        "greeter", "1");
    refused(Cli.against(server), 4, "PERMISSION_DENIED", "tokens", "list");
    refused(Cli.against(server).env("CAIRN_TOKEN", "two words"), 4, "characters a token never has", "runs", "list");
  }

  @Test
  void anUnreachableServerIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    refused(Cli.against(server).env("CAIRN_SERVER", "127.0.0.1:" + closedPort), 5, "UNAVAILABLE", "runs", "list");
  }

  @Test
  void aRefusalInTheCurrentStateIsAConflict() {
    UUID run = server.cairn().trigger("greeter", new TestWorkflows.Greeting("c", 0)).id();
    server.cairn().await(run, java.time.Duration.ofSeconds(30));
    refused(Cli.against(server), 6, "FAILED_PRECONDITION", "replay", run.toString());
  }

  @Test
  void badCommandLinesAreUsageErrorsThatPointToHelp() {
    Cli.Result unknown = refused(Cli.against(server), 2, "Unknown option", "runs", "list", "--bogus");
    assertTrue(unknown.err().contains("see 'cairn runs list --help'"), unknown.err());
    refused(Cli.against(server), 2, "Missing required", "runs");
    refused(Cli.against(server), 2, "is not a duration", "trigger", "greeter", "1", "--delay", "soon");
    refused(Cli.against(server), 2, "exclude each other", "trigger", "greeter", "1", "--delay", "1m", "--run-at",
        "2030-01-01T00:00:00Z");
    Cli.Result bare = Cli.against(server).run();
    assertEquals(2, bare.exitCode(), bare.toString());
    assertTrue(bare.err().contains("Usage: cairn"), bare.err());
  }

  @Test
  void verboseAddsTheStackTrace() {
    Cli.Result result = Cli.against(server).run("runs", "get", UUID.randomUUID().toString(), "--verbose");
    assertEquals(3, result.exitCode(), result.toString());
    assertTrue(result.err().contains("\tat "), result.err());
  }
}
