package dev.cairn.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.DefinitionException;
import dev.cairn.EventPush;
import dev.cairn.EventTrigger;
import dev.cairn.NotFoundException;
import dev.cairn.PushedEvent;
import dev.cairn.RunQuery;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.StepStatus;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Workflows started by pushed events: once per event, filtered, listed with their runs, beside waitForEvent. */
class EventTriggerTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  public record Recording(String type, String id) {}

  @Workflow(name = "transcribe", onEvents = "recording.ready", eventFilter = "/payload/type == \"raw-tracks\"")
  static final class Transcribe {
    @Step
    String start(Recording recording, StepContext ctx) {
      return "transcribing " + recording.id() + " for " + ctx.metadata().get("tenant");
    }
  }

  @Workflow(name = "audit")
  static final class Audit {
    @Step
    String log(Recording recording) {
      return "saw " + recording.type();
    }
  }

  @Workflow(name = "waiter")
  static final class Waiter {
    @Step
    String await(String key, StepContext ctx) {
      Optional<Recording> event = ctx.waitForEvent(key, Duration.ofMinutes(5), Recording.class);
      return event.map(Recording::id).orElse("timed out");
    }
  }

  @Workflow(name = "bad-filter", onEvents = "x", eventFilter = "/payload/type = 1")
  static final class BadFilter {
    @Step
    String only(String input) {
      return input;
    }
  }

  @Test
  void anEventStartsEachMatchingTriggersWorkflowOnceAndARedeliveryStartsNothingNew() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(new Transcribe(), new Audit(), new Waiter()).build()) {
      cairn.start();
      EventTrigger audit = cairn.eventTriggers().create("audit-everything", "recording.ready", "audit", null);
      assertEquals(List.of("audit-everything", "transcribe@recording.ready"),
          cairn.eventTriggers().list().stream().map(EventTrigger::name).toList());
      assertTrue(cairn.eventTriggers().list().get(1).declared());
      assertFalse(audit.declared());
      UUID waiting = cairn.trigger("waiter", "recording.ready").id();
      Await.until("the waiter waits", WAIT,
          () -> cairn.getRun(waiting).step("await").orElseThrow().status() == StepStatus.WAITING);

      PushedEvent first = cairn.push(EventPush.builder("recording.ready").eventId("evt-1")
          .payload(new Recording("raw-tracks", "r1")).metadata("tenant", "acme").build());
      assertFalse(first.redelivered());
      assertEquals(2, first.runIds().size(), "audit and transcribe");
      RunView transcribe = cairn.await(first.runIds().get(1), WAIT);
      assertEquals("transcribing r1 for acme", transcribe.result(String.class), "the payload is the input");
      assertEquals("evt-1", transcribe.metadata().get("cairn.event_id"));
      assertEquals("recording.ready", transcribe.metadata().get("cairn.event_key"));
      assertEquals("saw raw-tracks", cairn.await(first.runIds().get(0), WAIT).result(String.class));
      assertEquals("r1", cairn.await(waiting, WAIT).result(String.class), "the push also ends waitForEvent");

      PushedEvent again = cairn.push(EventPush.builder("recording.ready").eventId("evt-1")
          .payload(new Recording("raw-tracks", "other")).build());
      assertTrue(again.redelivered());
      assertEquals(first.runIds(), again.runIds(), "the same runs, none new");
      assertTrue(again.payloadJson().contains("\"r1\""), "the first push's payload is the event's");
      assertEquals(3, cairn.listRuns(RunQuery.builder().build()).runs().size(), "two runs and the waiter");

      PushedEvent video = cairn.push(EventPush.builder("recording.ready").eventId("evt-2")
          .payload(new Recording("video", "r2")).build());
      assertEquals(1, video.runIds().size(), "the filter keeps transcribe out; audit takes every event");
      assertEquals("saw video", cairn.await(video.runIds().get(0), WAIT).result(String.class));
      assertEquals(List.of(), cairn.push(EventPush.builder("other.key").payload(Map.of()).build()).runIds());

      List<PushedEvent> listed = cairn.pushedEvents("recording.ready", 10);
      assertEquals(List.of("evt-2", "evt-1"), listed.stream().map(PushedEvent::eventId).toList(), "newest first");
      assertEquals(first.runIds(), listed.get(1).runIds(), "listed with the runs they started");
      assertEquals(3, cairn.pushedEvents(null, 10).size());
    }
  }

  @Test
  void badTriggersAreRefusedNamingTheProblemAndNothingIsStored() {
    try (Cairn cairn = TestEngines.builder().register(new Audit()).build()) {
      for (String filter : List.of("/payload/type", "/payload/type ==", "payload/type == 1", "/a == {",
          "/a == 1 &&", "/a == 1 || /b == 2", "== 1")) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> cairn.eventTriggers().create("t", "k", "audit", filter), filter);
        assertTrue(refused.getMessage().startsWith("filter '" + filter + "' does not parse"), refused.getMessage());
      }
      CairnException unknown = assertThrows(CairnException.class,
          () -> cairn.eventTriggers().create("t", "k", "no-such", null));
      assertTrue(unknown.getMessage().contains("no-such"), unknown.getMessage());
      assertThrows(IllegalArgumentException.class, () -> cairn.eventTriggers().create("t\u0000", "k", "audit", null));
      assertEquals(List.of(), cairn.eventTriggers().list(), "nothing stored");
      cairn.eventTriggers().create("t", "k", "audit", "/metadata/tenant == \"acme\" && /payload/n == 2");
      assertThrows(IllegalStateException.class, () -> cairn.eventTriggers().create("t", "k", "audit", null));
      assertThrows(NotFoundException.class, () -> cairn.eventTriggers().delete("nope"));
      cairn.eventTriggers().delete("t");
      assertEquals(List.of(), cairn.eventTriggers().list());
      assertThrows(IllegalArgumentException.class, () -> EventPush.builder("k").eventId("x".repeat(256)));
    }
    DefinitionException declared = assertThrows(DefinitionException.class,
        () -> TestEngines.builder().register(new BadFilter()).build());
    assertTrue(declared.getMessage().contains("@Workflow(eventFilter): filter '/payload/type = 1' does not parse"),
        declared.getMessage());
  }

  @Test
  void aDeclaredTriggerCannotBeDeletedAndLeavesWithItsAnnotation() {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).register(new Transcribe()).build()) {
      cairn.start();
      IllegalStateException refused = assertThrows(IllegalStateException.class,
          () -> cairn.eventTriggers().delete("transcribe@recording.ready"));
      assertTrue(refused.getMessage().contains("declared by @Workflow(onEvents)"), refused.getMessage());
    }
    try (Cairn cairn = TestEngines.builder(schema).register(new TranscribeWithoutEvents()).build()) {
      cairn.start();
      assertEquals(List.of(), cairn.eventTriggers().list());
    }
  }

  @Workflow(name = "transcribe")
  static final class TranscribeWithoutEvents {
    @Step
    String start(Recording recording) {
      return "by hand";
    }
  }
}
