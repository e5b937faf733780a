package dev.cairn.crash;

import dev.cairn.Cairn;
import java.time.Duration;

/** The engine process the crash tests kill: args are the JDBC URL and the schema. */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws InterruptedException {
    Cairn cairn = Cairn.builder()
        .jdbcUrl(args[0], "postgres", "postgres")
        .schema(args[1])
        .nodeId("doomed-child")
        .leaseDuration(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(200))
        .register(new CrashWorkflow(args[0], args[1], true))
        .build();
    cairn.start();
    System.out.println("child engine started");
    Thread.sleep(Long.MAX_VALUE);
  }
}
