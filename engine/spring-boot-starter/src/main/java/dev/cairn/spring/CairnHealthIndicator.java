package dev.cairn.spring;

import dev.cairn.Cairn;
import dev.cairn.RunQuery;
import dev.cairn.TokenInfo;
import dev.cairn.WorkerInfo;
import dev.cairn.WorkerQuery;
import dev.cairn.client.CairnClient;
import dev.cairn.worker.CairnWorker;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code cairn} component of {@code /actuator/health}. Embedded mode: UP when the engine runs and its database
 * answers (one query), with the number of remote workers connected to the engine's database. Client mode: UP when the remote engine answers ({@code WhoAmI}). Worker mode: UP while the
 * worker is registered on a live stream to the engine. DOWN otherwise, with the reason; the application keeps
 * running and reconnects.
 */
public final class CairnHealthIndicator implements HealthIndicator {
  private final CairnProperties properties;
  private final Cairn cairn;
  private final CairnClient client;
  private final CairnWorker worker;
  private final CairnLifecycle lifecycle;

  CairnHealthIndicator(CairnProperties properties, Cairn cairn, CairnClient client, CairnWorker worker,
      CairnLifecycle lifecycle) {
    this.properties = properties;
    this.cairn = cairn;
    this.client = client;
    this.worker = worker;
    this.lifecycle = lifecycle;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up().withDetail("mode", properties.getMode().name().toLowerCase());
    if (cairn != null) {
      engine(health);
    }
    if (client != null) {
      client(health);
    }
    if (worker != null) {
      worker(health);
    }
    return health.build();
  }

  private void engine(Health.Builder health) {
    boolean running = lifecycle != null && lifecycle.isRunning();
    health.withDetail("engine", running ? "running" : "stopped");
    if (!running) {
      health.down();
    }
    try {
      cairn.listRuns(RunQuery.builder().pageSize(1).build());
      health.withDetail("database", "reachable");
      long remoteWorkers = cairn.workers().list(WorkerQuery.builder().connectedOnly(true).build()).workers().stream()
          .filter(worker -> worker.kind() == WorkerInfo.Kind.REMOTE).count();
      health.withDetail("remoteWorkers", remoteWorkers);
    } catch (RuntimeException e) {
      health.down().withDetail("database", "unreachable: " + e.getMessage());
    }
    if (properties.getGrpc().getPort() != null) {
      health.withDetail("grpcPort", cairn.grpcPort());
    }
  }

  private void client(Health.Builder health) {
    health.withDetail("server", properties.getServer().getAddress());
    try {
      TokenInfo token = client.whoAmI();
      health.withDetail("connection", "reachable").withDetail("token", token.name());
    } catch (RuntimeException e) {
      health.down().withDetail("connection", "unreachable: " + e.getMessage());
    }
  }

  private void worker(Health.Builder health) {
    health.withDetail("server", properties.getServer().getAddress());
    if (worker.isRegistered()) {
      health.withDetail("worker", "registered");
    } else {
      health.down().withDetail("worker", "not connected (reconnecting)");
    }
  }
}
