package dev.cairn.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.RunStatus;
import dev.cairn.ScheduleView;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A node killed after it started a tick's run and before it moved the schedule on: the next node handles the same
 * tick, finds that run by the tick's idempotency key, and starts no second one.
 */
class ScheduleCrashTest {
  static final Instant START = Instant.parse("2030-05-01T08:00:30Z");
  static final String TICK = "2030-05-01T08:01:00Z";

  @Test
  void aNodeKilledBetweenStartingATicksRunAndMovingTheScheduleOnLeavesExactlyOneRun() throws Exception {
    String schema = TestDatabase.newSchema();
    try (Connection holder = TestDatabase.dataSource().getConnection()) {
      // Migrations and the schedule row come from the child; hold the row once it exists, so the child's advance
      // (an UPDATE of that row) waits while its trigger (an insert elsewhere) goes through.
      holder.setAutoCommit(false);
      Path signal = Files.createTempDirectory("schedule-crash").resolve("go");
      try (ChildJvm child = ChildJvm.start(ScheduleChild.class, TestDatabase.jdbcUrl(), schema, START.toString(),
          signal.toString())) {
        Await.until("the child created its schedule", Duration.ofSeconds(60), () -> tableHasRow(schema));
        try (Statement statement = holder.createStatement()) {
          statement.execute("SELECT 1 FROM " + schema + ".schedules WHERE name = 'crash-minutely' FOR UPDATE");
        }
        Files.createFile(signal);
        Await.until("the child started the tick's run", Duration.ofSeconds(60),
            () -> TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs") == 1);
        Await.until("the child waits to move the schedule on", Duration.ofSeconds(60),
            () -> TestDatabase.queryLong("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query LIKE '%" + schema + ".schedules%'") == 1);
        child.kill9();
        // The dead node's statement must not finish after the lock goes: end its session, as a crash of the
        // database connection would.
        TestDatabase.queryText("SELECT string_agg(pg_terminate_backend(pid)::text, ',') FROM pg_stat_activity"
            + " WHERE wait_event_type = 'Lock' AND query LIKE '%" + schema + ".schedules%'");
        holder.rollback();
      }
    }
    assertEquals(Instant.parse(TICK).getEpochSecond(), TestDatabase.queryLong("SELECT extract(epoch FROM next_due_at)"
        + "::bigint FROM " + schema + ".schedules"), "the killed node never moved the schedule on");
    UUID orphan = UUID.fromString(TestDatabase.queryText("SELECT id::text FROM " + schema + ".runs"));

    // Past the dead node's leases (its clock stood at 08:01:30, its leases last 2 s), before the next tick.
    ManualClock clock = new ManualClock(Instant.parse(TICK).plusSeconds(40));
    try (Cairn next = TestEngines.builder(schema).clock(clock).register(new ScheduleChild.Minutely()).build()) {
      next.start();
      Await.until("the next node handled the tick", Duration.ofSeconds(30),
          () -> Instant.parse(TICK).equals(next.schedules().get("crash-minutely").lastTickAt()));
      ScheduleView schedule = next.schedules().get("crash-minutely");
      assertEquals(orphan, schedule.lastRunId(), "the tick's run is the one the killed node started");
      assertEquals(1, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"), "no second run");
      assertEquals(Instant.parse("2030-05-01T08:02:00Z"), schedule.nextDueAt());
      assertEquals(RunStatus.SUCCEEDED, next.await(orphan, Duration.ofSeconds(30)).status(),
          "its leases expire and it runs to the end");
      assertEquals(TICK, next.getRun(orphan).metadata().get("cairn.tick"));
    }
  }

  private static boolean tableHasRow(String schema) {
    try {
      return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".schedules") == 1;
    } catch (RuntimeException notYetMigrated) {
      return false;
    }
  }
}
