package dev.cairn.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.EventPush;
import dev.cairn.EventTrigger;
import dev.cairn.NewToken;
import dev.cairn.NotFoundException;
import dev.cairn.PushedEvent;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.StepStatus;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Event triggers and pushed events through {@link CairnClient}, over real gRPC to an engine with a CLIENT token:
 * what the client creates, pushes and lists is what the engine stores and starts.
 */
class EventTriggerClientTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String KEY = "recording.ready";
  static final String FILTER = "/payload/type == \"raw-tracks\" && /metadata/tenant == \"acme\"";

  public record Recording(String type, String id) {}

  /** Returns its input: the run's result is the payload it was started with. */
  @Workflow(name = "transcribe")
  static final class Transcribe {
    @Step
    Recording start(Recording recording) {
      return recording;
    }
  }

  @Workflow(name = "waiter")
  static final class Waiter {
    @Step
    String await(String key, StepContext ctx) {
      Optional<Recording> event = ctx.waitForEvent(key, Duration.ofMinutes(5), Recording.class);
      return event.map(recording -> "got " + recording.id()).orElse("timed out");
    }
  }

  private String schema;
  private Cairn cairn;
  private String target;
  private NewToken clientToken;

  @BeforeEach
  void start() {
    schema = TestDatabase.newSchema();
    cairn = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").register(new Transcribe(), new Waiter())
        .build();
    cairn.start();
    target = "127.0.0.1:" + cairn.grpcPort();
    clientToken = cairn.tokens().create("event client", Role.CLIENT, null);
  }

  @AfterEach
  void stop() {
    cairn.close();
  }

  @Test
  void aTriggerCreatedThroughTheClientStartsOneRunPerMatchingEventAndTheEventsAreListedWithTheirRuns() {
    try (CairnClient client = clientWith(clientToken.secret())) {
      EventTrigger created = client.eventTriggers().create("transcribe-acme", KEY, "transcribe", FILTER);
      assertEquals("transcribe-acme", created.name());
      assertEquals(KEY, created.eventKey());
      assertEquals("transcribe", created.workflowName());
      assertEquals(FILTER, created.filter());
      assertFalse(created.declared());
      assertNotNull(created.createdAt());

      Recording recording = new Recording("raw-tracks", "r1");
      PushedEvent first = client.push(EventPush.builder(KEY).eventId("evt-1").payload(recording)
          .metadata("tenant", "acme").metadata("source", "studio").build());
      assertEquals(KEY, first.key());
      assertEquals("evt-1", first.eventId());
      assertEquals(Map.of("tenant", "acme", "source", "studio"), first.metadata());
      assertFalse(first.redelivered());
      assertNotNull(first.pushedAt());
      assertEquals(1, first.runIds().size(), "the trigger started one run: " + first);
      UUID runId = first.runIds().get(0);
      RunView run = client.await(runId, WAIT);
      assertEquals(RunStatus.SUCCEEDED, run.status());
      assertEquals("transcribe", run.workflowName());
      assertEquals(recording, run.result(Recording.class), "the payload is the run's input");
      assertEquals(Map.of("tenant", "acme", "source", "studio", "cairn.event_key", KEY, "cairn.event_id", "evt-1"),
          run.metadata(), "the push's metadata and the event's identity");

      // A redelivery: the first push's event and runs, nothing new.
      PushedEvent again = client.push(EventPush.builder(KEY).eventId("evt-1").payload(new Recording("raw-tracks",
          "other")).metadata("tenant", "acme").build());
      assertTrue(again.redelivered());
      assertEquals(first.runIds(), again.runIds(), "the same runs");
      assertEquals(first.payloadJson(), again.payloadJson(), "the first push's payload is the event's");
      assertTrue(again.payloadJson().contains("\"r1\""), again.payloadJson());
      assertEquals(first.metadata(), again.metadata());
      assertEquals(first.pushedAt(), again.pushedAt());
      assertEquals(List.of(runId), runIds(client), "no new run");

      // Events the filter does not match: another type, another tenant, no metadata at all.
      PushedEvent video = client.push(EventPush.builder(KEY).eventId("evt-2").payload(new Recording("video", "r2"))
          .metadata("tenant", "acme").build());
      assertEquals(List.of(), video.runIds());
      assertFalse(video.redelivered());
      PushedEvent otherTenant = client.push(EventPush.builder(KEY).eventId("evt-3").payload(recording)
          .metadata("tenant", "globex").build());
      assertEquals(List.of(), otherTenant.runIds());
      PushedEvent anonymous = client.push(EventPush.builder(KEY).payload(recording).build());
      assertEquals(List.of(), anonymous.runIds());
      assertFalse(anonymous.eventId().isBlank(), "the engine gave it an id");
      assertEquals(Map.of(), anonymous.metadata());
      PushedEvent otherKey = client.push(EventPush.builder("other.key").eventId("evt-1").payload(recording)
          .metadata("tenant", "acme").build());
      assertFalse(otherKey.redelivered(), "an id is unique per key");
      assertEquals(List.of(), otherKey.runIds());
      assertEquals(List.of(runId), runIds(client), "still the one run");

      List<PushedEvent> listed = client.pushedEvents(KEY, 10);
      assertEquals(List.of(anonymous.eventId(), "evt-3", "evt-2", "evt-1"),
          listed.stream().map(PushedEvent::eventId).toList(), "newest first");
      PushedEvent listedFirst = listed.get(3);
      assertEquals(first.runIds(), listedFirst.runIds(), "listed with the run it started");
      assertEquals(first.payloadJson(), listedFirst.payloadJson());
      assertEquals(first.metadata(), listedFirst.metadata());
      assertEquals(first.pushedAt(), listedFirst.pushedAt());
      assertTrue(listed.stream().noneMatch(PushedEvent::redelivered), "a listing is no push: " + listed);
      assertEquals(List.of(anonymous.eventId(), "evt-3"), client.pushedEvents(KEY, 2).stream()
          .map(PushedEvent::eventId).toList(), "the limit keeps the newest");
      assertEquals(5, client.pushedEvents(null, 100).size(), "null: every key");
      assertEquals(List.of("evt-1"), client.pushedEvents("other.key", 100).stream().map(PushedEvent::eventId)
          .toList());

      assertEquals(List.of(created), client.eventTriggers().list());
      client.eventTriggers().delete("transcribe-acme");
      assertEquals(List.of(), client.eventTriggers().list());
      PushedEvent afterDelete = client.push(EventPush.builder(KEY).eventId("evt-4").payload(recording)
          .metadata("tenant", "acme").build());
      assertEquals(List.of(), afterDelete.runIds(), "a deleted trigger starts nothing");
      assertEquals(RunStatus.SUCCEEDED, client.getRun(runId).status(), "the run it started stays");
      assertEquals(List.of(runId), runIds(client));
    }
  }

  @Test
  void refusalsArriveAsExceptionsNamingWhatWasWrongAndStoreNothing() {
    try (CairnClient client = clientWith(clientToken.secret())) {
      NotFoundException unknown = assertThrows(NotFoundException.class,
          () -> client.eventTriggers().delete("no-such"));
      assertTrue(unknown.getMessage().startsWith("NOT_FOUND: "), unknown.getMessage());
      assertTrue(unknown.getMessage().contains("no event trigger named 'no-such'"), unknown.getMessage());

      for (String filter : List.of("/payload/type", "/payload/type ==", "payload/type == 1", "/payload/type == {",
          "/a == 1 &&", "/a == 1 || /b == 2", "== 1")) {
        CairnException refused = assertThrows(CairnException.class,
            () -> client.eventTriggers().create("t", KEY, "transcribe", filter), filter);
        assertFalse(refused instanceof NotFoundException);
        assertTrue(refused.getMessage().startsWith("INVALID_ARGUMENT: filter '" + filter + "' does not parse: "),
            refused.getMessage());
      }

      CairnException unknownWorkflow = assertThrows(CairnException.class,
          () -> client.eventTriggers().create("t", KEY, "no-such-workflow", null));
      assertTrue(unknownWorkflow.getMessage().startsWith("INVALID_ARGUMENT: workflow_name: unknown workflow"
          + " 'no-such-workflow'"), unknownWorkflow.getMessage());

      client.eventTriggers().create("taken", KEY, "transcribe", null);
      CairnException taken = assertThrows(CairnException.class,
          () -> client.eventTriggers().create("taken", "other.key", "transcribe", FILTER));
      StatusRuntimeException status = assertInstanceOf(StatusRuntimeException.class, taken.getCause());
      assertEquals(Status.Code.FAILED_PRECONDITION, status.getStatus().getCode());
      assertTrue(taken.getMessage().contains("an event trigger named 'taken' exists"), taken.getMessage());
      assertEquals(List.of("taken"), client.eventTriggers().list().stream().map(EventTrigger::name).toList());
      assertEquals(KEY, client.eventTriggers().list().get(0).eventKey(), "the refused create changed nothing");

      CairnException limit = assertThrows(CairnException.class, () -> client.pushedEvents(KEY, 1001));
      assertTrue(limit.getMessage().startsWith("INVALID_ARGUMENT: limit "), limit.getMessage());
      assertEquals(List.of(), client.pushedEvents(null, 100), "no refusal pushed anything");
      assertEquals(0, client.listRuns(RunQuery.builder().build()).runs().size(), "no refusal started a run");
    }
  }

  @Test
  void aStepWaitingForAnEventIsWokenByAClientPush() {
    try (CairnClient client = clientWith(clientToken.secret())) {
      RunHandle<Object> waiting = client.trigger("waiter", "approval:r7");
      Await.until("the step waits", WAIT, () -> client.getRun(waiting.id()).step("await").orElseThrow().status()
          == StepStatus.WAITING);
      PushedEvent pushed = client.push(EventPush.builder("approval:r7").eventId("approval-1")
          .payload(new Recording("raw-tracks", "r7")).build());
      assertEquals(List.of(), pushed.runIds(), "no trigger: the push only wakes the waiter");
      RunView done = client.await(waiting.id(), WAIT);
      assertEquals(RunStatus.SUCCEEDED, done.status());
      assertEquals("got r7", done.result(String.class));
    }
  }

  @Test
  void anEventPushedBeforeEventIdsExistedIsListedWithAnEmptyId() {
    TestDatabase.execute("INSERT INTO " + schema + ".pushed_events (event_key, payload) VALUES ('legacy.key',"
        + " '{\"a\": 1}'::jsonb)");
    try (CairnClient client = clientWith(clientToken.secret())) {
      List<PushedEvent> listed = client.pushedEvents("legacy.key", 10);
      assertEquals(1, listed.size());
      assertEquals("", listed.get(0).eventId());
      assertEquals("{\"a\": 1}", listed.get(0).payloadJson());
      assertEquals(List.of(), listed.get(0).runIds());
    }
  }

  private CairnClient clientWith(String token) {
    return CairnClient.builder(target).token(token).build();
  }

  private static List<UUID> runIds(CairnClient client) {
    return client.listRuns(RunQuery.builder().build()).runs().stream().map(RunSummary::id).toList();
  }
}
