package dev.cairn.crash;

import dev.cairn.Cairn;
import dev.cairn.testing.Effects;
import java.time.Duration;

/** The engine process the fan-out crash tests kill: args are the JDBC URL, the schema and the children's mode. */
public final class FanOutCrashChild {
  private FanOutCrashChild() {}

  public static void main(String[] args) throws InterruptedException {
    Effects effects = new Effects(args[0], args[1]);
    Cairn cairn = Cairn.builder()
        .jdbcUrl(args[0], "postgres", "postgres")
        .schema(args[1])
        .nodeId("doomed-child")
        .workerSlots(16)
        .leaseDuration(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(200))
        .register(new FanOutWorkflows.CrashParent(effects),
            new FanOutWorkflows.CrashChild(effects, FanOutWorkflows.Mode.valueOf(args[2])))
        .build();
    cairn.start();
    System.out.println("child engine started");
    Thread.sleep(Long.MAX_VALUE);
  }
}
