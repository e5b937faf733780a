package dev.cairn.spring;

import dev.cairn.Cairn;
import dev.cairn.RunQuery;
import dev.cairn.TokenInfo;
import dev.cairn.WorkerInfo;
import dev.cairn.WorkerQuery;
import dev.cairn.client.CairnClient;
import dev.cairn.worker.CairnWorker;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code cairn} component of {@code /actuator/health} reports, apart from Spring Boot's health API (which
 * moved between Spring Boot 3 and 4; {@link CairnHealthIndicator} adapts this to Spring Boot 4's). Embedded mode: UP when the engine runs and its database
 * answers (one query), with the number of remote workers connected to the engine's database. Client mode: UP when the remote engine answers ({@code WhoAmI}). Worker mode: UP while the
 * worker is registered on a live stream to the engine. DOWN otherwise, with the reason; the application keeps
 * running and reconnects.
 */
public final class CairnHealth {
  /** UP or DOWN, and what was found. */
  public record Report(boolean up, Map<String, Object> details) {}

  private final CairnProperties properties;
  private final Cairn cairn;
  private final CairnClient client;
  private final CairnWorker worker;
  private final CairnLifecycle lifecycle;

  CairnHealth(CairnProperties properties, Cairn cairn, CairnClient client, CairnWorker worker,
      CairnLifecycle lifecycle) {
    this.properties = properties;
    this.cairn = cairn;
    this.client = client;
    this.worker = worker;
    this.lifecycle = lifecycle;
  }

  /** Checks the engine, the remote engine or the worker connection now (a query or a call each time). */
  public Report check() {
    Findings health = new Findings();
    health.withDetail("mode", properties.getMode().name().toLowerCase());
    if (cairn != null) {
      engine(health);
    }
    if (client != null) {
      client(health);
    }
    if (worker != null) {
      worker(health);
    }
    return new Report(health.up, Collections.unmodifiableMap(health.details));
  }

  /** Spring Boot's Health.Builder in miniature, so the checks below read the same. */
  private static final class Findings {
    private final Map<String, Object> details = new LinkedHashMap<>();
    private boolean up = true;

    Findings withDetail(String key, Object value) {
      details.put(key, value);
      return this;
    }

    Findings down() {
      up = false;
      return this;
    }
  }

  private void engine(Findings health) {
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

  private void client(Findings health) {
    health.withDetail("server", properties.getServer().getAddress());
    try {
      TokenInfo token = client.whoAmI();
      health.withDetail("connection", "reachable").withDetail("token", token.name());
    } catch (RuntimeException e) {
      health.down().withDetail("connection", "unreachable: " + e.getMessage());
    }
  }

  private void worker(Findings health) {
    health.withDetail("server", properties.getServer().getAddress());
    if (worker.isRegistered()) {
      health.withDetail("worker", "registered");
    } else {
      health.down().withDetail("worker", "not connected (reconnecting)");
    }
  }
}
