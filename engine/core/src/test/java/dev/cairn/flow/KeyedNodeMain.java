package dev.cairn.flow;

import dev.cairn.Cairn;
import java.time.Duration;

/**
 * An engine node process for {@link KeyedCrashTest}: an embedded engine running {@link KeyedWorkflow} in its own
 * slots, and serving remote workers when given a gRPC port. Arguments: JDBC URL, schema, node id, gRPC port (0 for
 * none), lease in milliseconds.
 */
public final class KeyedNodeMain {
  static final String READY = "keyed node ready";

  private KeyedNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    Cairn.Builder builder = Cairn.builder()
        .jdbcUrl(args[0], "postgres", "postgres")
        .schema(args[1])
        .nodeId(args[2])
        .workerSlots(4)
        .leaseDuration(Duration.ofMillis(Long.parseLong(args[4])))
        .pollInterval(Duration.ofMillis(200))
        .sweepInterval(Duration.ofMillis(200))
        .register(new KeyedWorkflow());
    int port = Integer.parseInt(args[3]);
    if (port > 0) {
      builder.grpcHost("127.0.0.1").grpcPort(port);
    }
    Cairn cairn = builder.build();
    cairn.start();
    System.out.println(READY);
    Thread.sleep(Long.MAX_VALUE);
  }
}
