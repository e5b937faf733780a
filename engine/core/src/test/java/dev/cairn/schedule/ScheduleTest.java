package dev.cairn.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.NotFoundException;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.ScheduleSpec;
import dev.cairn.ScheduleView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  static final Instant START = Instant.parse("2030-01-07T00:00:30Z");
  static final Duration WAIT = Duration.ofSeconds(20);

  @Workflow(name = "report")
  static final class Report {
    @Step
    String build(String input, StepContext ctx) {
      return "report " + ctx.metadata().get(ScheduleSpec.TICK_KEY);
    }
  }

  @Workflow(name = "slow")
  static final class Slow {
    final CountDownLatch release = new CountDownLatch(1);

    @Step
    String hold(String input) throws InterruptedException {
      release.await(5, TimeUnit.MINUTES); // until the test lets it end (a cancel or close interrupts it)
      return "done";
    }
  }

  @Workflow(name = "nightly", cron = "0 5 * * *", timezone = "America/New_York")
  static final class Nightly {
    @Step
    String sweep(String input) {
      return "swept";
    }
  }

  @Test
  void everyTickStartsExactlyOneRunWithThreeNodesOverAHundredTicks() {
    String schema = TestDatabase.newSchema();
    ManualClock clock = new ManualClock(START);
    List<Cairn> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Cairn node = TestEngines.builder(schema).nodeId("node-" + i).clock(clock).register(new Report()).build();
        node.start();
        nodes.add(node);
      }
      nodes.get(1).schedules().create(ScheduleSpec.builder("every-minute", "report").cron("* * * * *").build());
      for (int tick = 1; tick <= 100; tick++) {
        clock.advance(Duration.ofMinutes(1));
        long expected = tick;
        // Each run ends before the clock moves on (a minute's jump expires the lease of a step still running).
        Await.until("tick " + tick + " ran", WAIT, () -> TestDatabase.queryLong("SELECT count(*) FROM " + schema
            + ".runs WHERE status = 'SUCCEEDED'") >= expected);
      }
      // Let every node look once more at the last tick before counting.
      nodes.forEach(node -> node.schedules().get("every-minute"));
      assertEquals(100, runCount(schema), "one run per tick");
      assertEquals(100, TestDatabase.queryLong("SELECT count(DISTINCT metadata->>'cairn.tick') FROM " + schema
          + ".runs WHERE metadata->>'cairn.schedule' = 'every-minute'"), "each for its own tick");
      ScheduleView schedule = nodes.get(0).schedules().get("every-minute");
      assertEquals(Instant.parse("2030-01-07T01:40:00Z"), schedule.lastTickAt());
      assertEquals(Instant.parse("2030-01-07T01:41:00Z"), schedule.nextDueAt());
      assertEquals(0, schedule.skippedTicks());
      Await.until("the runs succeed", WAIT, () -> TestDatabase.queryLong("SELECT count(*) FROM " + schema
          + ".runs WHERE status = 'SUCCEEDED'") == 100);
      assertEquals("report 2030-01-07T01:40:00Z", nodes.get(2).getRun(schedule.lastRunId()).result(String.class));
    } finally {
      nodes.forEach(Cairn::close);
    }
  }

  @Test
  void ticksMissedWhileEveryNodeWasDownFollowTheSchedulesPolicy() {
    String schema = TestDatabase.newSchema();
    ManualClock clock = new ManualClock(START);
    try (Cairn cairn = TestEngines.builder(schema).clock(clock).register(new Report()).build()) {
      for (ScheduleSpec.MissedTicks policy : ScheduleSpec.MissedTicks.values()) {
        cairn.schedules().create(ScheduleSpec.builder("hourly-" + policy, "report").cron("0 * * * *")
            .missedTicks(policy).build());
      }
      // No node ran for five and a half hours: the ticks at 01:00 .. 05:00 were missed.
      clock.advance(Duration.ofMinutes(5 * 60 + 30));
      cairn.start();
      Await.until("the catch-up ran", WAIT, () -> cairn.schedules().list().stream()
          .allMatch(s -> s.nextDueAt().equals(Instant.parse("2030-01-07T06:00:00Z"))));
      assertEquals(List.of("2030-01-07T01:00:00Z", "2030-01-07T02:00:00Z", "2030-01-07T03:00:00Z",
          "2030-01-07T04:00:00Z", "2030-01-07T05:00:00Z"), ticksOf(cairn, "hourly-ALL"));
      assertEquals(List.of("2030-01-07T05:00:00Z"), ticksOf(cairn, "hourly-LATEST"));
      assertEquals(List.of(), ticksOf(cairn, "hourly-SKIP"), "the latest tick is 30 minutes late: skipped");
      assertEquals(0, cairn.schedules().get("hourly-ALL").skippedTicks());
      assertEquals(4, cairn.schedules().get("hourly-LATEST").skippedTicks());
      assertEquals(5, cairn.schedules().get("hourly-SKIP").skippedTicks());

      // On time, SKIP runs its tick like the others.
      clock.advance(Duration.ofMinutes(30));
      Await.until("the 06:00 tick ran under SKIP", WAIT, () -> ticksOf(cairn, "hourly-SKIP").size() == 1);
    }
  }

  @Test
  void aTickWhileThePreviousRunIsUnfinishedFollowsTheOverlapPolicy() {
    ManualClock clock = new ManualClock(START);
    Slow slow = new Slow();
    try (Cairn cairn = TestEngines.builder().clock(clock).register(slow).build()) {
      cairn.start();
      for (ScheduleSpec.Overlap policy : ScheduleSpec.Overlap.values()) {
        cairn.schedules().create(ScheduleSpec.builder("slow-" + policy, "slow").cron("* * * * *").overlap(policy)
            .build());
      }
      clock.advance(Duration.ofMinutes(1));
      // A tick's run is inserted before the schedule records it (the tick's idempotency key covers a crash between):
      // wait for the record, not only the runs.
      Await.until("each schedule started its first run", WAIT,
          () -> cairn.schedules().list().stream().allMatch(s -> s.lastRunId() != null));
      assertEquals(3, cairn.listRuns(RunQuery.builder().build()).runs().size());
      UUID firstCancelled = cairn.schedules().get("slow-CANCEL_PREVIOUS").lastRunId();
      clock.advance(Duration.ofMinutes(1));
      Await.until("the second tick was handled", WAIT, () -> cairn.schedules().list().stream()
          .allMatch(s -> s.lastTickAt().equals(Instant.parse("2030-01-07T00:02:00Z"))));
      assertEquals(2, runsOf(cairn, "slow-ALLOW").size(), "ALLOW starts the second run beside the first");
      assertEquals(1, runsOf(cairn, "slow-SKIP").size(), "SKIP starts nothing while the first runs");
      assertEquals(1, cairn.schedules().get("slow-SKIP").skippedTicks());
      assertEquals(2, runsOf(cairn, "slow-CANCEL_PREVIOUS").size());
      Await.until("CANCEL_PREVIOUS cancelled the first run", WAIT,
          () -> cairn.getRun(firstCancelled).status() == RunStatus.CANCELLED);
      assertTrue(cairn.getRun(firstCancelled).error().contains("tick 2030-01-07T00:02:00Z"),
          cairn.getRun(firstCancelled).error());
      slow.release.countDown();
    }
  }

  @Test
  void aPausedScheduleStartsNothingAndResumesFromTheNextTick() {
    ManualClock clock = new ManualClock(START);
    try (Cairn cairn = TestEngines.builder().clock(clock).register(new Report()).build()) {
      cairn.start();
      cairn.schedules().create(ScheduleSpec.builder("paused", "report").cron("*/5 * * * *").build());
      assertTrue(cairn.schedules().pause("paused").paused());
      clock.advance(Duration.ofMinutes(30));
      UUID now = cairn.schedules().triggerNow("paused");
      assertEquals("report 2030-01-07T00:30:30Z", cairn.await(now, WAIT).result(String.class),
          "trigger-now works while paused; its tick is now");
      ScheduleView resumed = cairn.schedules().resume("paused");
      assertFalse(resumed.paused());
      assertEquals(Instant.parse("2030-01-07T00:35:00Z"), resumed.nextDueAt(), "the ticks while paused are gone");
      assertEquals(List.of(), ticksOf(cairn, "paused").stream().filter(t -> !t.endsWith(":30Z")).toList());
      clock.advance(Duration.ofMinutes(5));
      Await.until("the 00:35 tick ran", WAIT, () -> ticksOf(cairn, "paused").contains("2030-01-07T00:35:00Z"));
    }
  }

  @Test
  void aBackfillStartsEveryTickOfTheRangeOnceAndCanBeRepeated() {
    ManualClock clock = new ManualClock(START);
    try (Cairn cairn = TestEngines.builder().clock(clock).register(new Report()).build()) {
      cairn.start();
      cairn.schedules().create(ScheduleSpec.builder("daily", "report").cron("0 6 * * *").build());
      Instant from = Instant.parse("2029-12-01T00:00:00Z");
      Instant to = Instant.parse("2029-12-08T06:00:00Z");
      List<UUID> runs = cairn.schedules().backfill("daily", from, to);
      assertEquals(7, runs.size(), "Dec 1..7 at 06:00; the tick at 'to' is outside the range");
      assertEquals(runs, cairn.schedules().backfill("daily", from, to), "a repeated backfill starts nothing new");
      assertEquals("report 2029-12-01T06:00:00Z", cairn.await(runs.get(0), WAIT).result(String.class));
      IllegalArgumentException reversed = assertThrows(IllegalArgumentException.class,
          () -> cairn.schedules().backfill("daily", to, from));
      assertTrue(reversed.getMessage().contains("is not before to"), reversed.getMessage());
      IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
          () -> cairn.schedules().backfill("daily", Instant.parse("2020-01-01T00:00:00Z"), to));
      assertTrue(tooLong.getMessage().contains("more than 1000 ticks"), tooLong.getMessage());
    }
  }

  @Test
  void aDeclaredScheduleFollowsItsAnnotationAndItsTimeZone() {
    String schema = TestDatabase.newSchema();
    // 2030-01-07 is in winter: 05:00 in New York is 10:00 UTC.
    ManualClock clock = new ManualClock(START);
    try (Cairn cairn = TestEngines.builder(schema).clock(clock).register(new Nightly()).build()) {
      cairn.start();
      ScheduleView nightly = cairn.schedules().get("nightly");
      assertTrue(nightly.declared());
      assertEquals("America/New_York", nightly.timeZone());
      assertEquals(Instant.parse("2030-01-07T10:00:00Z"), nightly.nextDueAt());
      IllegalStateException change = assertThrows(IllegalStateException.class, () -> cairn.schedules()
          .update(ScheduleSpec.builder("nightly", "nightly").cron("0 6 * * *").build()));
      assertTrue(change.getMessage().contains("declared by @Workflow(cron)"), change.getMessage());
      assertThrows(IllegalStateException.class, () -> cairn.schedules().delete("nightly"));
      clock.advance(Duration.ofHours(10));
      Await.until("the 05:00 New York tick ran", WAIT,
          () -> cairn.schedules().get("nightly").lastRunId() != null);
      assertEquals(1, runCount(schema));
      assertEquals("swept", cairn.await(cairn.schedules().get("nightly").lastRunId(), WAIT).result(String.class));
    }
    // A restart keeps the schedule as it is: no tick is repeated or lost.
    try (Cairn cairn = TestEngines.builder(schema).clock(new ManualClock(START.plus(Duration.ofHours(11))))
        .register(new Nightly()).build()) {
      cairn.start();
      assertEquals(Instant.parse("2030-01-08T10:00:00Z"), cairn.schedules().get("nightly").nextDueAt());
      assertEquals(1, runCount(schema));
    }
    // Code that no longer declares it deletes it.
    try (Cairn cairn = TestEngines.builder(schema).register(new NightlyWithoutCron()).build()) {
      cairn.start();
      assertThrows(NotFoundException.class, () -> cairn.schedules().get("nightly"));
    }
  }

  @Workflow(name = "nightly")
  static final class NightlyWithoutCron {
    @Step
    String sweep(String input) {
      return "swept by hand";
    }
  }

  @Test
  void badSchedulesAreRefusedNamingTheProblemAndNothingIsStored() {
    try (Cairn cairn = TestEngines.builder().register(new Report()).build()) {
      Map<String, ScheduleSpec.Builder> bad = Map.of(
          "cron '61 * * * *' is not a five-field", ScheduleSpec.builder("a", "report").cron("61 * * * *"),
          "cron 'every day' is not a five-field", ScheduleSpec.builder("b", "report").cron("every day"),
          "cron '0 0 30 2 *' never fires", ScheduleSpec.builder("c", "report").cron("0 0 30 2 *"),
          "cron '0 5 * * * *' is not a five-field", ScheduleSpec.builder("d", "report").cron("0 5 * * * *"),
          "unknown workflow", ScheduleSpec.builder("e", "no-such-workflow").cron("0 5 * * *"));
      bad.forEach((message, spec) -> {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> cairn.schedules().create(spec.build()));
        assertTrue(refused instanceof IllegalArgumentException || refused instanceof CairnException, message);
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
      });
      IllegalArgumentException zone = assertThrows(IllegalArgumentException.class,
          () -> ScheduleSpec.builder("f", "report").timeZone("Mars/Olympus_Mons"));
      assertTrue(zone.getMessage().contains("timeZone 'Mars/Olympus_Mons' is not a known time zone id"),
          zone.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.builder("bad\u0000name", "report"));
      assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.builder("g", "report").build(),
          "a cron expression is required");
      assertTrue(cairn.schedules().list().isEmpty());
      cairn.schedules().create(ScheduleSpec.builder("h", "report").cron("0 5 * * *").build());
      IllegalStateException twice = assertThrows(IllegalStateException.class,
          () -> cairn.schedules().create(ScheduleSpec.builder("h", "report").cron("0 6 * * *").build()));
      assertTrue(twice.getMessage().contains("a schedule named 'h' exists"), twice.getMessage());
      assertEquals("0 5 * * *", cairn.schedules().get("h").cron(), "unchanged");
      assertThrows(NotFoundException.class, () -> cairn.schedules().pause("nope"));
      assertThrows(NotFoundException.class, () -> cairn.schedules().delete("nope"));
    }
  }

  private static long runCount(String schema) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs");
  }

  private static List<RunSummary> runsOf(Cairn cairn, String schedule) {
    return cairn.listRuns(RunQuery.builder().metadata(ScheduleSpec.SCHEDULE_KEY, schedule).build()).runs();
  }

  private static List<String> ticksOf(Cairn cairn, String schedule) {
    Set<String> unique = new HashSet<>();
    List<String> ticks = new ArrayList<>(runsOf(cairn, schedule).stream()
        .map(run -> run.metadata().get(ScheduleSpec.TICK_KEY)).filter(unique::add).sorted().toList());
    return ticks;
  }
}
