package dev.cairn.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.NewToken;
import dev.cairn.NotFoundException;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.ScheduleSpec;
import dev.cairn.ScheduleView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestEngines;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules and delayed runs through {@link CairnClient}, over real gRPC to an engine whose clock the test moves:
 * what the client sends and reads back is what the engine stores and does.
 */
class ScheduleClientTest {
  /** A Monday, 19:00:30 of the day before in New York (UTC-5 in January). */
  static final Instant START = Instant.parse("2030-01-07T00:00:30Z");
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String WORKFLOW = "scheduled-report";

  @Workflow(name = WORKFLOW)
  static final class Report {
    @Step
    String build(String input, StepContext ctx) {
      return input + " at " + ctx.metadata().get(ScheduleSpec.TICK_KEY);
    }
  }

  private ManualClock clock;
  private Cairn cairn;
  private String target;
  private NewToken clientToken;

  @BeforeEach
  void start() {
    clock = new ManualClock(START);
    cairn = TestEngines.builder().clock(clock).grpcPort(0).grpcHost("127.0.0.1").register(new Report()).build();
    cairn.start();
    target = "127.0.0.1:" + cairn.grpcPort();
    clientToken = cairn.tokens().create("schedule client", Role.CLIENT, null);
  }

  @AfterEach
  void stop() {
    cairn.close();
  }

  @Test
  void aScheduleIsCreatedReadChangedPausedTickedBackfilledAndDeletedThroughTheClient() {
    try (CairnClient client = clientWith(clientToken.secret())) {
      ScheduleView created = client.schedules().create(ScheduleSpec.builder("nightly", WORKFLOW).cron("0 5 * * *")
          .timeZone("America/New_York").input("nightly").metadata("team", "core").priority(3)
          .missedTicks(ScheduleSpec.MissedTicks.SKIP).overlap(ScheduleSpec.Overlap.SKIP).build());
      assertEquals("nightly", created.name());
      assertEquals(WORKFLOW, created.workflowName());
      assertEquals("0 5 * * *", created.cron());
      assertEquals("America/New_York", created.timeZone());
      assertEquals("\"nightly\"", created.inputJson());
      assertEquals(Map.of("team", "core"), created.metadata());
      assertEquals(3, created.priority());
      assertEquals(ScheduleSpec.MissedTicks.SKIP, created.missedTicks());
      assertEquals(ScheduleSpec.Overlap.SKIP, created.overlap());
      assertFalse(created.paused());
      assertFalse(created.declared());
      assertEquals(Instant.parse("2030-01-07T10:00:00Z"), created.nextDueAt(), "05:00 in New York, from now");
      assertNull(created.lastTickAt());
      assertNull(created.lastRunId());
      assertEquals(START, created.createdAt());

      client.schedules().create(ScheduleSpec.builder("hourly", WORKFLOW).cron("0 * * * *").build());
      assertEquals(List.of("hourly", "nightly"), client.schedules().list().stream().map(ScheduleView::name).toList(),
          "in name order");
      assertEquals(created, client.schedules().get("nightly"));
      client.schedules().delete("hourly");

      // A new expression: the next tick is computed again from now; the policies are the new spec's.
      ScheduleView updated = client.schedules().update(ScheduleSpec.builder("nightly", WORKFLOW).cron("30 6 * * *")
          .timeZone("America/New_York").input("nightly").build());
      assertEquals(Instant.parse("2030-01-07T11:30:00Z"), updated.nextDueAt());
      assertEquals("30 6 * * *", updated.cron());
      assertEquals(ScheduleSpec.MissedTicks.LATEST, updated.missedTicks());
      assertEquals(Map.of(), updated.metadata());
      assertEquals(updated, client.schedules().get("nightly"));

      // Paused past its tick: resumed, it goes on from the first tick after now, and the passed one started nothing.
      assertTrue(client.schedules().pause("nightly").paused());
      clock.advanceTo(Instant.parse("2030-01-07T12:00:00Z"));
      ScheduleView resumed = client.schedules().resume("nightly");
      assertFalse(resumed.paused());
      assertEquals(Instant.parse("2030-01-08T11:30:00Z"), resumed.nextDueAt());
      assertEquals(List.of(), runsOf(client, "nightly"), "the tick that passed while paused started nothing");

      clock.advanceTo(Instant.parse("2030-01-08T11:30:00Z"));
      Await.until("the tick started its run", WAIT, () -> runsOf(client, "nightly").size() == 1);
      RunSummary ticked = runsOf(client, "nightly").get(0);
      assertEquals("nightly", ticked.metadata().get(ScheduleSpec.SCHEDULE_KEY));
      assertEquals("2030-01-08T11:30:00Z", ticked.metadata().get(ScheduleSpec.TICK_KEY));
      RunView tickedRun = client.await(ticked.id(), WAIT);
      assertEquals(RunStatus.SUCCEEDED, tickedRun.status());
      assertEquals("nightly at 2030-01-08T11:30:00Z", tickedRun.result(String.class));
      Await.until("the tick is recorded", WAIT, () -> ticked.id().equals(client.schedules().get("nightly")
          .lastRunId()));
      ScheduleView afterTick = client.schedules().get("nightly");
      assertEquals(Instant.parse("2030-01-08T11:30:00Z"), afterTick.lastTickAt());
      assertEquals(Instant.parse("2030-01-09T11:30:00Z"), afterTick.nextDueAt());

      // Outside the ticks: its tick is now.
      UUID now = client.schedules().triggerNow("nightly");
      RunView manual = client.await(now, WAIT);
      assertEquals(RunStatus.SUCCEEDED, manual.status());
      assertEquals("nightly", manual.metadata().get(ScheduleSpec.SCHEDULE_KEY));
      assertEquals(clock.now().toString(), manual.metadata().get(ScheduleSpec.TICK_KEY));

      // Four ticks in [Jan 1st, Jan 5th), in tick order; the same range again returns the same runs.
      Instant from = Instant.parse("2030-01-01T00:00:00Z");
      Instant to = Instant.parse("2030-01-05T00:00:00Z");
      List<UUID> backfilled = client.schedules().backfill("nightly", from, to);
      assertEquals(4, backfilled.size());
      assertEquals(backfilled, client.schedules().backfill("nightly", from, to), "a repeated backfill starts nothing");
      List<String> ticks = backfilled.stream().map(run -> client.await(run, WAIT).metadata()
          .get(ScheduleSpec.TICK_KEY)).toList();
      assertEquals(List.of("2030-01-01T11:30:00Z", "2030-01-02T11:30:00Z", "2030-01-03T11:30:00Z",
          "2030-01-04T11:30:00Z"), ticks);

      client.schedules().delete("nightly");
      NotFoundException gone = assertThrows(NotFoundException.class, () -> client.schedules().get("nightly"));
      assertTrue(gone.getMessage().contains("no schedule named 'nightly'"), gone.getMessage());
      assertEquals(RunStatus.SUCCEEDED, client.getRun(ticked.id()).status(), "the runs it started stay");
      assertEquals(List.of(), client.schedules().list());
    }
  }

  @Test
  void refusalsArriveAsExceptionsNamingWhatWasWrong() {
    try (CairnClient client = clientWith(clientToken.secret())) {
      for (Runnable unknown : List.<Runnable>of(() -> client.schedules().get("no-such"),
          () -> client.schedules().pause("no-such"), () -> client.schedules().resume("no-such"),
          () -> client.schedules().delete("no-such"), () -> client.schedules().triggerNow("no-such"),
          () -> client.schedules().backfill("no-such", START, START.plusSeconds(60)),
          () -> client.schedules().update(ScheduleSpec.builder("no-such", WORKFLOW).cron("* * * * *").build()))) {
        NotFoundException refused = assertThrows(NotFoundException.class, unknown::run);
        assertTrue(refused.getMessage().startsWith("NOT_FOUND: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("no schedule named 'no-such'"), refused.getMessage());
      }

      CairnException badCron = assertThrows(CairnException.class, () -> client.schedules().create(
          ScheduleSpec.builder("bad", WORKFLOW).cron("every day").build()));
      assertFalse(badCron instanceof NotFoundException);
      assertTrue(badCron.getMessage().startsWith("INVALID_ARGUMENT: spec.cron 'every day' is not a five-field Unix"
          + " cron expression"), badCron.getMessage());

      client.schedules().create(ScheduleSpec.builder("taken", WORKFLOW).cron("0 0 * * *").build());
      CairnException taken = assertThrows(CairnException.class, () -> client.schedules().create(
          ScheduleSpec.builder("taken", WORKFLOW).cron("0 1 * * *").build()));
      assertTrue(taken.getMessage().startsWith("FAILED_PRECONDITION: spec.name: a schedule named 'taken' exists"),
          taken.getMessage());
      assertEquals("0 0 * * *", client.schedules().get("taken").cron(), "the refused create changed nothing");

      CairnException backwards = assertThrows(CairnException.class, () -> client.schedules().backfill("taken",
          START, START.minusSeconds(60)));
      assertTrue(backwards.getMessage().startsWith("INVALID_ARGUMENT: from "), backwards.getMessage());
      assertTrue(backwards.getMessage().contains("is not before to"), backwards.getMessage());
      assertEquals(List.of("taken"), client.schedules().list().stream().map(ScheduleView::name).toList());
      assertEquals(0, client.listRuns(RunQuery.builder().build()).runs().size(), "no refusal started a run");
    }
  }

  @Test
  void aRunDelayedThroughTheClientWaitsQueuedUntilTheEnginesClockReachesIt() {
    try (CairnClient client = clientWith(clientToken.secret())) {
      RunHandle<Object> later = client.trigger(WORKFLOW, "later",
          TriggerOptions.builder().delay(Duration.ofMinutes(30)).build());
      Instant due = START.plus(Duration.ofMinutes(30));
      RunView waiting = client.getRun(later.id());
      assertEquals(RunStatus.QUEUED, waiting.status());
      assertEquals(due, waiting.startAt(), "due by the engine's clock, not the client's");
      assertEquals(due, client.listRuns(RunQuery.builder().build()).runs().get(0).startAt());

      clock.advance(Duration.ofMinutes(29));
      assertEquals(RunStatus.QUEUED, client.getRun(later.id()).status(), "a minute early it still waits");
      clock.advance(Duration.ofMinutes(1));
      RunView done = client.await(later.id(), WAIT);
      assertEquals(RunStatus.SUCCEEDED, done.status());
      assertEquals(due, done.startedAt());

      // run_at: an instant before the engine's now is refused, naming it.
      CairnException past = assertThrows(CairnException.class, () -> client.trigger(WORKFLOW, "past",
          TriggerOptions.builder().runAt(clock.now().minusSeconds(1)).build()));
      assertTrue(past.getMessage().startsWith("INVALID_ARGUMENT: runAt "), past.getMessage());
      assertTrue(past.getMessage().contains("is in the past"), past.getMessage());
      RunHandle<Object> at = client.trigger(WORKFLOW, "at", TriggerOptions.builder()
          .runAt(clock.now().plus(Duration.ofHours(2))).build());
      assertEquals(clock.now().plus(Duration.ofHours(2)), client.getRun(at.id()).startAt());
    }
  }

  @Test
  void clientAndAdminTokensMayUseTheScheduleServiceAndAWorkerTokenMayNot() {
    NewToken admin = cairn.tokens().create("schedule admin", Role.ADMIN, null);
    NewToken worker = cairn.tokens().create("schedule worker", Role.WORKER, null);
    try (CairnClient client = clientWith(clientToken.secret());
        CairnClient asAdmin = clientWith(admin.secret());
        CairnClient asWorker = clientWith(worker.secret())) {
      client.schedules().create(ScheduleSpec.builder("by-client", WORKFLOW).cron("0 0 * * *").build());
      assertTrue(asAdmin.schedules().pause("by-client").paused());
      CairnException denied = assertThrows(CairnException.class, () -> asWorker.schedules().list());
      StatusRuntimeException status = assertInstanceOf(StatusRuntimeException.class, denied.getCause());
      assertEquals(Status.Code.PERMISSION_DENIED, status.getStatus().getCode());
      assertThrows(CairnException.class, () -> asWorker.schedules().resume("by-client"));
      assertTrue(client.schedules().get("by-client").paused(), "the worker's resume changed nothing");
    }
  }

  private CairnClient clientWith(String token) {
    return CairnClient.builder(target).token(token).build();
  }

  /** The runs a schedule started, oldest tick first. */
  private static List<RunSummary> runsOf(CairnClient client, String schedule) {
    return client.listRuns(RunQuery.builder().metadata(ScheduleSpec.SCHEDULE_KEY, schedule).build()).runs().stream()
        .sorted(Comparator.comparing(run -> run.metadata().get(ScheduleSpec.TICK_KEY))).toList();
  }
}
