package dev.cairn.crash;

import dev.cairn.Cairn;
import java.time.Duration;

/** The engine process the crash tests kill: args are the JDBC URL and the schema. */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws InterruptedException {
    Cairn cairn = doomedChild(args[0], args[1]).register(new CrashWorkflow(args[0], args[1], true)).build();
    cairn.start();
    System.out.println("child engine started");
    Thread.sleep(Long.MAX_VALUE);
  }

  /** The engine of a process a crash test kills: node "doomed-child", 2 s leases, quick polls. */
  static Cairn.Builder doomedChild(String jdbcUrl, String schema) {
    return Cairn.builder()
        .jdbcUrl(jdbcUrl, "postgres", "postgres")
        .schema(schema)
        .nodeId("doomed-child")
        .leaseDuration(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(200));
  }
}
