package dev.cairn.fault;

import dev.cairn.Cairn;
import java.time.Duration;

/**
 * An engine node process for the fault-injection test: an embedded {@link Cairn} with no workflows of its own,
 * serving gRPC to remote workers on a fixed port, on the external PostgreSQL. Arguments: JDBC URL, schema, node
 * id, gRPC port, lease in milliseconds. A node started while PostgreSQL is down (or while its port is still
 * held by its killed predecessor) tries again for a minute, as a supervisor restarting it would.
 */
public final class EngineNodeMain {
  static final String READY = "fault engine node ready";
  private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

  private EngineNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    Cairn.Builder builder = Cairn.builder()
        .jdbcUrl(args[0], "postgres", "")
        .schema(args[1])
        .nodeId(args[2])
        .grpcHost("127.0.0.1")
        .grpcPort(Integer.parseInt(args[3]))
        .leaseDuration(Duration.ofMillis(Long.parseLong(args[4])))
        .pollInterval(Duration.ofMillis(200))
        .sweepInterval(Duration.ofMillis(500))
        // Lease expiries are what the faults cause; the default cap of 5 would fail runs the faults merely delay.
        .maxLeaseExpiries(50)
        .shutdownTimeout(Duration.ofSeconds(2));
    startWhenPossible(builder);
    System.out.println(READY);
    Thread.sleep(Long.MAX_VALUE);
  }

  private static Cairn startWhenPossible(Cairn.Builder builder) throws InterruptedException {
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    while (true) {
      Cairn cairn = null;
      try {
        cairn = builder.build();
        cairn.start();
        return cairn;
      } catch (RuntimeException e) {
        if (cairn != null) {
          cairn.close();
        }
        if (System.nanoTime() > deadline) {
          throw e;
        }
        System.out.println("engine node cannot start yet, trying again: " + e);
        Thread.sleep(500);
      }
    }
  }
}
