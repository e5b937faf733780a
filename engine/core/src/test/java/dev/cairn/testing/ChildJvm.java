package dev.cairn.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a class's main method in a separate JVM on the test classpath, output to a log under target/. */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    return startWithProperties(mainClass, java.util.Map.of(), args);
  }

  /** Starts {@code mainClass} with these system properties ({@code -Dname=value}). */
  public static ChildJvm startWithProperties(Class<?> mainClass, java.util.Map<String, String> properties,
      String... args) throws IOException {
    return startWithOptions(mainClass, List.of(), properties, args);
  }

  /** Starts {@code mainClass} with these JVM options (e.g. {@code -XX:TieredStopAtLevel=1}) and system properties. */
  public static ChildJvm startWithOptions(Class<?> mainClass, List<String> jvmOptions,
      java.util.Map<String, String> properties, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
    command.addAll(jvmOptions);
    properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(List.of(args));
    Path logs = Path.of("target", "child-jvm-logs");
    Files.createDirectories(logs);
    Path log = Files.createTempFile(logs, mainClass.getSimpleName(), ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildJvm(process, log);
  }

  /** Kills the process with SIGKILL (kill -9): no shutdown hook, no finally block runs. */
  public void kill9() throws InterruptedException, IOException {
    signal("-9");
    process.waitFor();
  }

  /** Freezes the process with SIGSTOP: it keeps its sockets open but answers nothing until {@link #resume()}. */
  public void pause() throws InterruptedException, IOException {
    signal("-STOP");
  }

  /** Lets a paused process run again (SIGCONT). */
  public void resume() throws InterruptedException, IOException {
    signal("-CONT");
  }

  public long pid() {
    return process.pid();
  }

  private void signal(String option) throws InterruptedException, IOException {
    new ProcessBuilder("kill", option, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  public File logFile() {
    return log.toFile();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /**
   * Asks the process to stop (SIGTERM) and waits up to {@code timeout} for it to exit, then kills it. A child that
   * owns an embedded PostgreSQL stops it on SIGTERM; kill -9 would leave it running.
   */
  public void terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
    }
  }
}
