package dev.cairn.pipeline.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CPU time used so far by an embedded PostgreSQL, read from Linux's {@code /proc}: the postmaster's own time and
 * that of the children it reaped (backends that ended), plus the time of its living children (the backends of
 * open connections, the checkpointer, the WAL writer...). PostgreSQL runs in processes of its own, so none of this
 * is in the JVM's process CPU time.
 */
final class PostgresCpu {
  private final long postmaster;
  private final long nanosPerTick;

  private PostgresCpu(long postmaster, long ticksPerSecond) {
    this.postmaster = postmaster;
    this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
  }

  /** The embedded server of {@code config}; empty for an external one or where {@code /proc} is not readable. */
  static Optional<PostgresCpu> of(PipelineConfig config) {
    if (config.isSet(Setting.CAIRN_JDBC_URL)) {
      return Optional.empty();
    }
    try {
      Path pidFile = Path.of(config.require(Setting.CAIRN_DATA_DIR)).resolve("postmaster.pid");
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      PostgresCpu cpu = new PostgresCpu(pid, ticksPerSecond());
      cpu.nanos();
      return Optional.of(cpu);
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Total CPU time (user and system) of the server so far, at the kernel's tick resolution. */
  long nanos() {
    long ticks = ticks(postmaster, true);
    List<ProcessHandle> children = ProcessHandle.of(postmaster).map(handle -> handle.children().toList())
        .orElseThrow(() -> new IllegalStateException("PostgreSQL (pid " + postmaster + ") is gone"));
    for (ProcessHandle child : children) {
      ticks += ticks(child.pid(), false);
    }
    return ticks * nanosPerTick;
  }

  /** utime + stime (+ cutime + cstime) of {@code /proc/<pid>/stat}; 0 for a process that ended meanwhile. */
  private static long ticks(long pid, boolean required) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException ended) {
      if (required) {
        throw new IllegalStateException("cannot read /proc/" + pid + "/stat", ended);
      }
      return 0;
    }
    // Fields after the command name, which is in parentheses and may hold spaces: state is [0], utime [11].
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
        + Long.parseLong(fields[14]);
  }

  /** The kernel's clock ticks per second ({@code getconf CLK_TCK}); 100, Linux's usual value, if unknown. */
  private static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
