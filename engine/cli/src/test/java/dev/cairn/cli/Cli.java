package dev.cairn.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the CLI in this JVM as a user would run it: arguments, an environment of its own (a fresh home directory,
 * so no real ~/.cairn/config), standard input, and captured standard output and error.
 */
final class Cli {
  private final Map<String, String> env = new HashMap<>();
  private final Path home;
  private InputStream stdin = InputStream.nullInputStream();
  private boolean terminal;

  /** What a finished command left: its exit code and everything it printed. */
  record Result(int exitCode, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** A command running on another thread, whose output can be read while it runs. */
  record Running(CompletableFuture<Result> result, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    String outSoFar() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String errSoFar() {
      return err.toString(StandardCharsets.UTF_8);
    }
  }

  private Cli(Path home) {
    this.home = home;
  }

  /** A CLI with no server, token or profile set. */
  static Cli bare() {
    try {
      Path root = Path.of("target", "cli-homes");
      Files.createDirectories(root);
      return new Cli(Files.createTempDirectory(root, "home"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CLI pointed at the server with its client token (CAIRN_SERVER, CAIRN_TOKEN). */
  static Cli against(TestServer server) {
    return bare().env("CAIRN_SERVER", server.target()).env("CAIRN_TOKEN", server.client().secret());
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli stdin(String text) {
    stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  Cli terminal() {
    terminal = true;
    return this;
  }

  Path home() {
    return home;
  }

  Result run(String... args) {
    return start(args).result().join();
  }

  Running start(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliEnvironment environment = new CliEnvironment(env, home, stdin, terminal);
    CompletableFuture<Result> result = CompletableFuture.supplyAsync(() -> {
      int code = CairnCli.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    });
    return new Running(result, out, err);
  }
}
