package dev.cairn.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunEvent;
import dev.cairn.Step;
import dev.cairn.Workflow;
import dev.cairn.testing.TestEngines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client nobody here wrote: Node.js with @grpc/grpc-js and @grpc/proto-loader (installed from the npm registry
 * by this test) loads the project's .proto files, triggers a run and streams its events to the end.
 */
class NodeClientTest {
  @Workflow(name = "node-visible")
  static final class NodeVisible {
    @Step
    String hello(String name) {
      return "hello " + name;
    }
  }

  @Test
  void nodeClientTriggersARunAndStreamsItsEventsToCompletion() throws Exception {
    Path work = Path.of("target", "node-client").toAbsolutePath();
    Files.createDirectories(work);
    for (String file : List.of("package.json", "trigger-and-watch.js")) {
      Files.copy(Path.of("src", "test", "node", file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(work.resolve("node_modules/@grpc/grpc-js"))) {
      run(work, 300, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
    }
    try (Cairn cairn = TestEngines.builder().grpcPort(0).grpcHost("127.0.0.1").register(new NodeVisible()).build()) {
      cairn.start();
      NewToken token = cairn.tokens().create("node client", Role.CLIENT, null);
      String output = run(work, 120, "node", "trigger-and-watch.js", "127.0.0.1:" + cairn.grpcPort(), token.secret(),
          Path.of("..", "..", "proto", "src", "main", "proto").toAbsolutePath().normalize().toString(), "node-visible",
          "\"node\"");
      List<String> lines = output.lines().toList();
      assertEquals("END", lines.get(lines.size() - 1), output);
      UUID runId = UUID.fromString(lines.get(0).replaceAll(".*\"run_id\":\"([^\"]+)\".*", "$1"));
      List<RunEvent> log = cairn.events(runId, 0, 1000);
      assertEquals(log.size(), lines.size() - 2, output);
      for (int i = 0; i < log.size(); i++) {
        assertTrue(lines.get(i + 1).contains("\"seq\":\"" + log.get(i).seq() + "\""), lines.get(i + 1));
        assertTrue(lines.get(i + 1).contains("\"type\":\"" + log.get(i).type() + "\""), lines.get(i + 1));
      }
      assertEquals("hello node", cairn.getRun(runId).output("hello", String.class));
    }
  }

  private static String run(Path directory, int timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
    return output.trim();
  }
}
