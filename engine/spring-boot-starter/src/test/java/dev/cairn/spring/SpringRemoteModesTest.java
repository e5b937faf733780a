package dev.cairn.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.Runs;
import dev.cairn.client.CairnClient;
import dev.cairn.testkit.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Client-only and worker-only applications start while the engine server is unreachable (health DOWN, application
 * up), and connect by themselves once it listens: health turns UP and a run triggered by the client application is
 * run by the worker application.
 */
class SpringRemoteModesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SCHEMA = "spring_remote";

  @Test
  void clientAndWorkerApplicationsStartWithoutTheEngineAndConnectWhenItListens() throws IOException {
    DataSource database = TestPostgres.get().dataSource();
    NewToken workerToken;
    NewToken clientToken;
    try (Cairn setup = Cairn.builder().dataSource(database).schema(SCHEMA).build()) {
      workerToken = setup.tokens().create("spring-worker", Role.WORKER, null);
      clientToken = setup.tokens().create("spring-client", Role.CLIENT, null);
    }
    int port = freePort();
    try (ConfigurableApplicationContext worker = RemoteApps.start(RemoteApps.WorkerApp.class, "worker", port,
            workerToken.secret(), "cairn.worker.id=spring-worker-1", "cairn.worker-slots=2");
        ConfigurableApplicationContext client = RemoteApps.start(RemoteApps.ClientApp.class, "client", port,
            clientToken.secret())) {
      assertTrue(worker.isRunning() && client.isRunning(), "both applications started without the engine");
      assertEquals(Status.DOWN, health(worker).getStatus(), health(worker).toString());
      assertEquals(Status.DOWN, health(client).getStatus(), health(client).toString());
      Runs runs = client.getBean(Runs.class);
      assertInstanceOf(CairnClient.class, runs);

      try (Cairn engine = Cairn.builder().dataSource(database).schema(SCHEMA).grpcPort(port).build()) {
        engine.start();
        Eventually.until("the worker application registered", TIMEOUT,
            () -> health(worker).getStatus().equals(Status.UP));
        Eventually.until("the client application reaches the engine", TIMEOUT,
            () -> health(client).getStatus().equals(Status.UP));
        RunHandle<Object> run = runs.trigger("spring-remote-greeting", "ada");
        assertEquals("Hello, remote ada", run.result(String.class, TIMEOUT));
        assertEquals("spring-worker-1", run.get().step("greet").orElseThrow().workerId(), "run by the worker app");
        worker.close();
        client.close();
      }
    }
  }

  private static Health health(ConfigurableApplicationContext application) {
    return application.getBean(CairnHealthIndicator.class).health();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
