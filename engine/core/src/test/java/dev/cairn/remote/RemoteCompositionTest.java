package dev.cairn.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.ChildSpec;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.StepStatus;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import dev.cairn.worker.CairnWorker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Child runs, durable sleeps and event waits in steps that run on a remote worker. */
class RemoteCompositionTest {
  @Workflow(name = "remote-track")
  static final class Track {
    @Step
    int transcribe(Integer index, StepContext ctx) {
      ctx.sleep(Duration.ofMillis(200));
      return index * 10;
    }
  }

  @Workflow(name = "remote-recording")
  static final class Recording {
    @Step
    int process(Integer tracks, StepContext ctx) {
      List<Integer> words = ctx.runChildren("remote-track",
          IntStream.range(0, tracks).mapToObj(i -> ChildSpec.of("track-" + i, i)).toList(), Integer.class);
      Optional<String> approval = ctx.waitForEvent("approve", Duration.ofSeconds(30), String.class);
      return words.stream().mapToInt(Integer::intValue).sum() + (approval.orElse("").equals("yes") ? 1 : 0);
    }
  }

  @Test
  void aOneSlotWorkerFansOutSleepsAndWaitsForAnEvent() {
    String schema = TestDatabase.newSchema();
    try (Cairn engine = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").build()) {
      engine.start();
      NewToken workerToken = engine.tokens().create("worker", Role.WORKER, null);
      NewToken clientToken = engine.tokens().create("client", Role.CLIENT, null);
      String target = "127.0.0.1:" + engine.grpcPort();
      try (CairnWorker worker = CairnWorker.builder(target).token(workerToken.secret()).workerId("solo").slots(1)
          .register(new Recording(), new Track()).build();
          CairnClient client = CairnClient.builder(target).token(clientToken.secret()).build()) {
        worker.start();
        Await.until("the worker registered", Duration.ofSeconds(30), worker::isRegistered);
        UUID run = client.trigger("remote-recording", 4, TriggerOptions.NONE).id();
        Await.until("the parent waits for the event", Duration.ofSeconds(60), () -> {
          RunView view = client.getRun(run);
          return view.step("process").orElseThrow().status() == StepStatus.WAITING
              && TestDatabase.queryLong("SELECT count(*) FROM " + schema
                  + ".runs WHERE parent_run_id IS NOT NULL AND status = 'SUCCEEDED'") == 4;
        });
        client.pushEvent("approve", "yes");
        RunView view = client.await(run, Duration.ofSeconds(60));
        assertEquals(RunStatus.SUCCEEDED, view.status(), view.error());
        assertEquals(0 + 10 + 20 + 30 + 1, view.output("process", Integer.class));
        assertEquals(5, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"), "four children, once");
        assertEquals(4, TestDatabase.queryLong("SELECT count(*) FROM " + schema
            + ".steps WHERE step_name = 'transcribe' AND worker_id = 'solo' AND status = 'SUCCEEDED'"));
      }
    }
  }
}
