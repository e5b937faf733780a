package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged distribution (target/cairn: bin/cairn and lib/cairn-cli.jar) run as a real child process against a
 * real server, as a user runs it. Runs in the package phase, after the jar and the distribution are built
 * (the build passes their place as cairn.cli.dist); disabled elsewhere.
 */
@EnabledIfSystemProperty(named = "cairn.cli.dist", matches = ".+")
class CliPackagedTest {
  @RegisterExtension
  static final TestServer server = new TestServer();
  private static Path dist;

  /** A finished child process. */
  record Exit(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  @BeforeAll
  static void locate() {
    dist = Path.of(System.getProperty("cairn.cli.dist"));
  }

  private static Exit run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    Path out = Files.createTempFile(Path.of("target"), "cli-out", ".txt");
    Path err = Files.createTempFile(Path.of("target"), "cli-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("HOME", Files.createTempDirectory(Path.of("target"), "home").toString());
    builder.environment().remove("CAIRN_TOKEN");
    builder.environment().putAll(env);
    int code = builder.start().waitFor();
    return new Exit(code, Files.readString(out), Files.readString(err));
  }

  private static Exit cairn(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(dist.resolve("bin/cairn").toString()));
    command.addAll(List.of(args));
    return run(command, Map.of("CAIRN_SERVER", server.target(), "CAIRN_TOKEN", server.client().secret()));
  }

  @Test
  void theLauncherRunsTheJarWithItsVersion() throws Exception {
    Exit version = cairn("--version");
    assertEquals(0, version.code(), version.toString());
    assertTrue(version.out().matches("cairn \\d+\\.\\d+\\.\\d+.*\\n"), version.out());
    Exit jar = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        dist.resolve("lib/cairn-cli.jar").toString(), "--help"), Map.of());
    assertEquals(0, jar.code(), jar.toString());
    assertTrue(jar.out().startsWith("Usage: cairn"), jar.out());
  }

  @Test
  void triggerWaitInAChildProcessPrintsPlainFramesAndTheResult() throws Exception {
    Exit exit = cairn("trigger", "greeter", "{\"name\":\"Process\",\"times\":2}", "--wait");
    assertEquals(0, exit.code(), exit.toString());
    List<String> lines = exit.out().lines().toList();
    assertTrue(lines.get(0).startsWith("triggered run "), exit.out());
    assertTrue(lines.contains("progress 2/2 steps done"), exit.out());
    assertEquals("result \"Hello, Process!\"", lines.get(lines.size() - 1), exit.out());
    assertEquals("", exit.err(), "nothing else on standard error (no logging noise)");
  }

  @Test
  void anErrorIsOneLineAndAnExitCode() throws Exception {
    Exit exit = cairn("runs", "get", UUID.randomUUID().toString());
    assertEquals(3, exit.code(), exit.toString());
    assertEquals("", exit.out());
    assertEquals(1, exit.err().lines().count(), exit.err());
    assertTrue(exit.err().startsWith("error: NOT_FOUND"), exit.err());
  }

  @Test
  void onAPseudoTerminalTheWatchRedrawsInPlace() throws Exception {
    Path script = Path.of("/usr/bin/script");
    assumeTrue(Files.isExecutable(script), "util-linux script gives the child a pseudo-terminal");
    UUID run = server.cairn().trigger("greeter", new TestWorkflows.Greeting("Pty", 1)).id();
    String command = dist.resolve("bin/cairn") + " runs watch " + run;
    Exit exit = run(List.of(script.toString(), "-qefc", command, "/dev/null"),
        Map.of("CAIRN_SERVER", server.target(), "CAIRN_TOKEN", server.client().secret()));
    assertEquals(0, exit.code(), exit.toString());
    assertTrue(exit.out().contains("\u001b[J"), "frames drawn with escape sequences: " + exit);
    assertTrue(exit.out().contains("steps done"), exit.toString());
    assertTrue(exit.out().contains("result \"Hello, Pty!\""), exit.toString());
  }
}
