package dev.cairn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepView;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.Ports;
import dev.cairn.worker.CairnWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM on a server with the embedded database drains in order and exits within seconds (it took 37–46 s when the
 * database's own shutdown hook stopped PostgreSQL first); a step running on a worker is handed back, not lost: the
 * worker keeps its lease and delivers its result to the server's next incarnation.
 */
class ServerShutdownTest {
  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final CountDownLatch STARTED = new CountDownLatch(1);

  @Workflow(name = "long-haul")
  static final class LongHaul {
    @Step(timeout = "5m")
    String only(String input) throws InterruptedException {
      STARTED.countDown();
      RELEASE.await();
      return input + " done";
    }
  }

  @Test
  void sigtermDrainsWithinSecondsAndTheRunningStepIsHandedBackNotLost() throws Exception {
    Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "server-shutdown")), "s");
    int port = Ports.free();
    Map<String, String> settings = Map.of("CAIRN_DATA_DIR", directory.resolve("pgdata").toString(),
        "CAIRN_GRPC_PORT", Integer.toString(port), "CAIRN_ADMIN_TOKEN_FILE", directory.resolve("admin").toString(),
        "CAIRN_LEASE_DURATION", "60s");
    String target = "127.0.0.1:" + port;
    ChildJvm first = ChildJvm.startWithProperties(CairnServer.class, settings);
    try {
      Await.until("the server wrote its admin token", Duration.ofSeconds(120),
          () -> Files.exists(directory.resolve("admin")) || !first.isAlive());
      String token = Files.readString(directory.resolve("admin")).trim();
      try (CairnWorker worker = CairnWorker.builder(target).token(token).workerId("steady").slots(1)
          .register(new LongHaul()).build();
          CairnClient client = CairnClient.builder(target).token(token).build()) {
        worker.start();
        UUID run = triggerWhenRegistered(client);
        assertTrue(STARTED.await(60, TimeUnit.SECONDS), first.output());

        long signalled = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", Long.toString(first.pid())).start().waitFor();
        Await.until("the server exited", Duration.ofSeconds(60), () -> !first.isAlive());
        long tookMillis = (System.nanoTime() - signalled) / 1_000_000;
        System.out.println("ServerShutdownTest: SIGTERM to exit took " + tookMillis + " ms");
        // A wall-clock bound, kept because shutdown time is the property asked for (issue 9: it took 37-46 s) and no
        // test clock governs a real process; generous against a loaded machine, it took under a second here.
        assertTrue(tookMillis < 20_000, "SIGTERM to exit took " + tookMillis + " ms:\n" + first.output());
        String output = first.output();
        int stopping = output.indexOf("stopping");
        assertTrue(stopping >= 0 && output.indexOf(" stopped", stopping) > stopping, output);
        // The engine drained before the database went: nothing in the shutdown met a database that was gone
        // (when PostgreSQL's own shutdown hook stopped it first, writes failed and were retried for ~40 s).
        String shutdown = output.substring(stopping);
        for (String sign : List.of("Connection refused", "terminating connection", "database is unavailable",
            "retrying in")) {
          assertFalse(shutdown.contains(sign), "'" + sign + "' during shutdown:\n" + shutdown);
        }

        try (ChildJvm second = ChildJvm.startWithProperties(CairnServer.class, settings)) {
          Await.until("the worker re-registered with the new server", Duration.ofSeconds(120),
              () -> worker.isRegistered() || !second.isAlive());
          RELEASE.countDown();
          RunView view = client.await(run, Duration.ofSeconds(60));
          assertEquals(RunStatus.SUCCEEDED, view.status(), second.output());
          StepView step = view.step("only").orElseThrow();
          assertEquals("\"work done\"", step.outputJson());
          assertEquals(1, step.attempts(), "the running attempt was kept, not run again");
          second.terminate(Duration.ofSeconds(30)); // so it stops its embedded PostgreSQL
        }
      }
    } finally {
      first.close();
    }
  }

  private static UUID triggerWhenRegistered(CairnClient client) {
    UUID[] run = new UUID[1];
    Await.until("the worker registered the workflow", Duration.ofSeconds(60), () -> {
      try {
        run[0] = client.trigger("long-haul", "work", TriggerOptions.NONE).id();
        return true;
      } catch (RuntimeException unknownYet) {
        return false;
      }
    });
    return run[0];
  }
}
