package dev.cairn.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.EventPush;
import dev.cairn.EventTrigger;
import dev.cairn.NewToken;
import dev.cairn.NotFoundException;
import dev.cairn.PushedEvent;
import dev.cairn.Role;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.ScheduleSpec;
import dev.cairn.ScheduleView;
import dev.cairn.Step;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import dev.cairn.worker.CairnWorker;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a workflow served only by a remote worker declares in its annotation (a schedule, event triggers, a retention
 * period, a run deadline) holds as it does for a workflow an engine node registers: the engine keeps it when the
 * worker registers, and removes it when the worker's code no longer declares it.
 */
class WorkerDeclarationsTest {
  static final Duration WAIT = Duration.ofSeconds(60);

  @Workflow(name = "remote-report", cron = "0 5 * * *", timezone = "Europe/Paris",
      missedTicks = ScheduleSpec.MissedTicks.SKIP, overlap = ScheduleSpec.Overlap.SKIP, onEvents = "report.asked",
      eventFilter = "/payload/kind == \"daily\"", retention = "2h", timeout = "1h")
  static final class Declaring {
    @Step
    String report(Map<String, String> input) {
      return "report " + input.get("kind");
    }
  }

  /** The same workflow after a deploy that dropped its declarations. */
  @Workflow(name = "remote-report")
  static final class Plain {
    @Step
    String report(Map<String, String> input) {
      return "report " + input.get("kind");
    }
  }

  @Test
  void aWorkersDeclarationsAreKeptWhileItsCodeDeclaresThem() {
    String schema = TestDatabase.newSchema();
    try (Cairn engine = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").build()) {
      engine.start();
      NewToken token = engine.tokens().create("worker", Role.WORKER, null);
      String target = "127.0.0.1:" + engine.grpcPort();
      try (CairnWorker worker = CairnWorker.builder(target).token(token.secret()).workerId("declaring")
          .register(new Declaring()).build()) {
        worker.start();
        Await.until("the worker registered", WAIT, worker::isRegistered);

        ScheduleView schedule = engine.schedules().get("remote-report");
        assertEquals("0 5 * * *", schedule.cron());
        assertEquals("Europe/Paris", schedule.timeZone());
        assertEquals(ScheduleSpec.MissedTicks.SKIP, schedule.missedTicks());
        assertEquals(ScheduleSpec.Overlap.SKIP, schedule.overlap());
        assertTrue(schedule.declared(), "owned by the worker's code");
        EventTrigger trigger = engine.eventTriggers().list().stream()
            .filter(t -> t.name().equals("remote-report@report.asked")).findFirst().orElseThrow();
        assertEquals("/payload/kind == \"daily\"", trigger.filter());
        assertEquals(Duration.ofHours(2), engine.workflows().retentions().get("remote-report"));

        PushedEvent pushed = engine.push(EventPush.builder("report.asked").eventId("e1")
            .payload(Map.of("kind", "daily")).build());
        assertEquals(1, pushed.runIds().size(), "the declared trigger started the workflow on the worker");
        UUID run = pushed.runIds().get(0);
        RunView done = engine.await(run, WAIT);
        assertEquals(RunStatus.SUCCEEDED, done.status(), done.error());
        assertEquals("report daily", done.output("report", String.class));
        // The deadline is the trigger's clock plus an hour; created_at is the insert's, a moment later.
        long deadlineAfterCreation = TestDatabase.queryLong("SELECT (extract(epoch FROM deadline_at - created_at)"
            + " * 1000)::bigint FROM " + schema + ".runs WHERE id = '" + run + "'");
        assertTrue(deadlineAfterCreation > Duration.ofMinutes(59).toMillis()
            && deadlineAfterCreation <= Duration.ofHours(1).toMillis(),
            "the declared run deadline travelled with the definition: " + deadlineAfterCreation + " ms");
      }

      // The next deploy declares nothing: its registration removes what the code declared before.
      try (CairnWorker worker = CairnWorker.builder(target).token(token.secret()).workerId("plain")
          .register(new Plain()).build()) {
        worker.start();
        Await.until("the worker registered", WAIT, worker::isRegistered);
        assertThrows(NotFoundException.class, () -> engine.schedules().get("remote-report"));
        assertTrue(engine.eventTriggers().list().isEmpty(), engine.eventTriggers().list().toString());
        assertEquals(Map.of(), engine.workflows().retentions());
        assertNotNull(engine.trigger("remote-report", Map.of("kind", "weekly")).result(String.class, WAIT));
      }
    }
  }
}
