package dev.cairn.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.TriggerOptions;
import dev.cairn.client.CairnClient;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.Effects;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import dev.cairn.worker.CairnWorker;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Workers in other processes (and in this one) running steps for an engine over gRPC on localhost. */
class RemoteWorkerTest {
  /** A started engine node serving gRPC, its effects table, and a worker and a client token. */
  private record Setup(Cairn engine, String schema, String target, NewToken worker, NewToken client)
      implements AutoCloseable {
    @Override
    public void close() {
      engine.close();
    }
  }

  private static Setup setup() {
    String schema = TestDatabase.newSchema();
    Cairn engine = server(schema, 0);
    Effects.createTable(schema);
    return new Setup(engine, schema, "127.0.0.1:" + engine.grpcPort(),
        engine.tokens().create("worker", Role.WORKER, null), engine.tokens().create("client", Role.CLIENT, null));
  }

  private static Cairn server(String schema, int port) {
    Cairn cairn = TestEngines.builder(schema).grpcPort(port).grpcHost("127.0.0.1")
        .leaseDuration(Duration.ofSeconds(2)).build();
    cairn.start();
    return cairn;
  }

  @Test
  void workerInAnotherJvmRunsTheWorkflowAndTypedOutputsArrive() throws Exception {
    try (Setup setup = setup()) {
      Cairn engine = setup.engine();
      String schema = setup.schema();
      NewToken workerToken = setup.worker();
      NewToken clientToken = setup.client();
      String target = setup.target();
      try (ChildJvm worker = ChildJvm.start(RemoteWorkerChild.class, target, workerToken.secret(), "worker-a",
          TestDatabase.jdbcUrl(), schema, "run");
          CairnClient client = CairnClient.builder(target).token(clientToken.secret()).build()) {
        UUID run = triggerWhenRegistered(client, new RemoteChain.Order("o-1", 7));
        CairnException misfit = org.junit.jupiter.api.Assertions.assertThrows(CairnException.class,
            () -> client.trigger("remote-chain", java.util.Map.of("id", "o-x", "items", "seven"), TriggerOptions.NONE));
        assertTrue(misfit.getMessage().startsWith("INVALID_ARGUMENT: input for workflow remote-chain does not fit its"
            + " input type: input.items: expected an integer, got STRING \"seven\""), misfit.getMessage());
        RunView view = client.await(run, Duration.ofSeconds(60));
        assertEquals(RunStatus.SUCCEEDED, view.status(), worker.output());
        assertEquals("shipped o-1 in 3 boxes", view.output("ship", String.class));
        RemoteChain.Packed packed = view.output("pack", RemoteChain.Packed.class);
        assertEquals("o-1", packed.orderId());
        assertTrue(!packed.packedBy().equals(Long.toString(ProcessHandle.current().pid())), "packed in the worker JVM");
        view.steps().forEach(step -> assertEquals("worker-a", step.workerId(), step.name()));
        assertTrue(engine.events(run, 0, 100).stream().anyMatch(e -> e.type().equals("checked")),
            "progress events travel over the stream");
      }
    }
  }

  private static UUID triggerWhenRegistered(CairnClient client, Object input) {
    UUID[] run = new UUID[1];
    Await.until("the worker registered the workflow", Duration.ofSeconds(60), () -> {
      try {
        run[0] = client.trigger("remote-chain", input, TriggerOptions.NONE).id();
        return true;
      } catch (RuntimeException unknownYet) {
        return false;
      }
    });
    return run[0];
  }

  @Test
  void killedWorkersStepGoesToAnotherWorkerAndItsLateResultIsRefused() throws Exception {
    try (Setup setup = setup()) {
      Cairn engine = setup.engine();
      String schema = setup.schema();
      NewToken workerToken = setup.worker();
      NewToken clientToken = setup.client();
      String target = setup.target();
      UUID run;
      try (CairnClient client = CairnClient.builder(target).token(clientToken.secret()).build()) {
        try (ChildJvm doomed = ChildJvm.start(RemoteWorkerChild.class, target, workerToken.secret(), "doomed",
            TestDatabase.jdbcUrl(), schema, "block")) {
          run = triggerWhenRegistered(client, new RemoteChain.Order("o-2", 4));
          Await.until("pack runs on the doomed worker", Duration.ofSeconds(60),
              () -> Effects.count(schema, "pack") == 1 || !doomed.isAlive());
          assertEquals(1, Effects.count(schema, "pack"), doomed.output());
          doomed.kill9();
        }
        try (ChildJvm rescuer = ChildJvm.start(RemoteWorkerChild.class, target, workerToken.secret(), "rescuer",
            TestDatabase.jdbcUrl(), schema, "run")) {
          RunView view = client.await(run, Duration.ofSeconds(60));
          assertEquals(RunStatus.SUCCEEDED, view.status(), rescuer.output());
          assertEquals("rescuer", view.step("pack").orElseThrow().workerId());
          assertEquals(2, view.step("pack").orElseThrow().attempts());
          assertEquals(1, Effects.count(schema, "check"), "check ran once, on the doomed worker");
        }
      }
      // The doomed worker's attempt 1 reports late: the fence refuses it.
      long packId = TestDatabase.queryLong("SELECT id FROM " + schema + ".steps WHERE run_id = '" + run
          + "' AND step_name = 'pack'");
      boolean accepted = dev.cairn.CairnTestAccess.engine(engine).completer().submit(
          new dev.cairn.internal.completion.StepOutcome.Succeeded(new dev.cairn.internal.execution.AttemptId(packId, run, 1, null),
              "{\"orderId\": \"stale\", \"boxes\": 99, \"packedBy\": \"ghost\"}")).get();
      assertEquals(false, accepted);
      assertEquals(2, engine.getRun(run).output("pack", RemoteChain.Packed.class).boxes());
    }
  }

  @Test
  void workerWithAnotherDefinitionGetsNoneOfTheQueuedRuns() throws Exception {
    try (Setup setup = setup()) {
      String schema = setup.schema();
      Effects effects = new Effects(TestDatabase.jdbcUrl(), schema);
      NewToken workerToken = setup.worker();
      NewToken clientToken = setup.client();
      String target = setup.target();
      try (CairnClient client = CairnClient.builder(target).token(clientToken.secret()).build();
          CairnWorker matching = CairnWorker.builder(target).token(workerToken.secret()).workerId("matching")
              .register(new RemoteChain.V1(effects, false)).build()) {
        matching.start();
        triggerWhenRegistered(client, new RemoteChain.Order("warm-up", 1));
        matching.close();
        List<UUID> runs = client.triggerAll("remote-chain",
            IntStream.range(0, 10).mapToObj(i -> new RemoteChain.Order("q-" + i, i)).toList(), TriggerOptions.NONE).stream().map(RunHandle::id).toList();
        try (CairnWorker stale = CairnWorker.builder(target).token(workerToken.secret()).workerId("stale")
            .register(new RemoteChain.Stale(effects)).build()) {
          stale.start();
          Await.until("the stale worker is connected", Duration.ofSeconds(30), stale::isRegistered);
          try (CairnWorker second = CairnWorker.builder(target).token(workerToken.secret()).workerId("second")
              .register(new RemoteChain.V1(effects, false)).build()) {
            second.start();
            for (UUID run : runs) {
              assertEquals(RunStatus.SUCCEEDED, client.await(run, Duration.ofSeconds(60)).status());
            }
          }
          assertEquals(0, Effects.count(schema, "stale-check"), "the stale worker ran nothing");
          assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema
              + ".steps WHERE worker_id = 'stale'"));
        }
      }
    }
  }

  @Test
  void aClientOfAnotherNodeTriggersWhatAWorkerRegisteredOnTheFirst() throws Exception {
    String schema = TestDatabase.newSchema();
    Effects effects = new Effects(TestDatabase.jdbcUrl(), schema);
    try (Cairn nodeA = server(schema, 0); Cairn nodeB = server(schema, 0)) {
      Effects.createTable(schema);
      NewToken workerToken = nodeA.tokens().create("worker", Role.WORKER, null);
      NewToken clientToken = nodeA.tokens().create("client", Role.CLIENT, null);
      try (CairnWorker worker = CairnWorker.builder("127.0.0.1:" + nodeA.grpcPort()).token(workerToken.secret())
          .workerId("on-a").register(new RemoteChain.V1(effects, false)).build();
          CairnClient viaB = CairnClient.builder("127.0.0.1:" + nodeB.grpcPort()).token(clientToken.secret())
              .build()) {
        worker.start();
        UUID run = triggerWhenRegistered(viaB, new RemoteChain.Order("multi", 5));
        RunView view = viaB.await(run, Duration.ofSeconds(60));
        assertEquals("shipped multi in 2 boxes", view.output("ship", String.class));
        assertEquals("on-a", view.step("pack").orElseThrow().workerId());
      }
    }
  }

  @Test
  void engineRestartWhileAWorkerIsConnectedLosesNothingAndRunsNoStepTwice() throws Exception {
    String schema = TestDatabase.newSchema();
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Effects effects = new Effects(TestDatabase.jdbcUrl(), schema);
    NewToken workerToken;
    NewToken clientToken;
    List<UUID> runs;
    String target = "127.0.0.1:" + port;
    Cairn first = server(schema, port);
    Effects.createTable(schema);
    workerToken = first.tokens().create("worker", Role.WORKER, null);
    clientToken = first.tokens().create("client", Role.CLIENT, null);
    try (CairnWorker worker = CairnWorker.builder(target).token(workerToken.secret()).workerId("steady").slots(2)
        .register(new RemoteChain.V1(effects, false)).build()) {
      worker.start();
      try (CairnClient client = CairnClient.builder(target).token(clientToken.secret()).build()) {
        triggerWhenRegistered(client, new RemoteChain.Order("warm-up", 1));
        runs = client.triggerAll("remote-chain",
            IntStream.range(0, 30).mapToObj(i -> new RemoteChain.Order("r-" + i, i)).toList(), TriggerOptions.NONE).stream().map(RunHandle::id).toList();
      }
      first.close();
      try (Cairn second = server(schema, port);
          CairnClient client = CairnClient.builder(target).token(clientToken.secret()).build()) {
        for (UUID run : runs) {
          assertEquals(RunStatus.SUCCEEDED, client.await(run, Duration.ofSeconds(90)).status());
        }
        assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM (SELECT run_id, step FROM " + schema
            + ".effects GROUP BY run_id, step HAVING count(*) > 1) twice"), "no step ran twice");
        assertEquals(31 * 3, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".effects"));
      }
    }
  }
}
