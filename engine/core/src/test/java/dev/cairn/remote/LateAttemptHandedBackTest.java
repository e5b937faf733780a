package dev.cairn.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Cairn;
import dev.cairn.CancelResult;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.Workflow;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import dev.cairn.worker.CairnWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A worker that gets an attempt whose lease already ran out (by its clock) does not start it, and says so: the engine
 * stops renewing that lease and hands the step back. Found by the fault-injection test: a worker frozen with an
 * assignment in its socket skipped it silently while its heartbeats kept renewing the lease, so the step stayed
 * RUNNING forever. Here the engine's clock stands years behind the worker's, so every lease it grants has run out
 * by the worker's clock, and the frozen engine clock means no lease can ever expire on the engine's side: only the
 * worker's report can free the step: the test sees it handed back and leased again and again, never run, never
 * expired, never failed.
 */
class LateAttemptHandedBackTest {
  static final AtomicInteger RUNS = new AtomicInteger();

  @Workflow(name = "late-once")
  static final class Once {
    @Step
    int work(Integer n) {
      RUNS.incrementAndGet();
      return n;
    }
  }

  @Test
  void anAttemptTooLateToStartIsReportedAndHandedBack() {
    String schema = TestDatabase.newSchema();
    ManualClock clock = new ManualClock(Instant.parse("2020-01-01T00:00:00Z"));
    try (Cairn engine = TestEngines.builder(schema).clock(clock).grpcPort(0).grpcHost("127.0.0.1").build()) {
      engine.start();
      NewToken token = engine.tokens().create("worker", Role.WORKER, null);
      try (CairnWorker worker = CairnWorker.builder("127.0.0.1:" + engine.grpcPort()).token(token.secret())
          .workerId("late").slots(1).register(new Once()).build()) {
        worker.start();
        Await.until("the worker registered", Duration.ofSeconds(30), worker::isRegistered);
        UUID run = engine.trigger("late-once", 7).id();
        Await.until("the step is handed back and leased again, never expiring", Duration.ofSeconds(60),
            () -> TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE run_id = '" + run
                + "' AND attempt >= 3 AND lease_expiries = 0") == 1);
        assertEquals(0, RUNS.get(), "a late attempt never starts");
        assertEquals(0, TestDatabase.queryLong("SELECT failures FROM " + schema + ".steps WHERE run_id = '" + run
            + "'"), "handing back counts no failure");
        // (Not moved on to let it run: a jump of the engine's clock across years would expire, and time out, the
        // attempts in flight at that instant, which says nothing about hand-backs.)
        assertEquals(CancelResult.CANCELLED, engine.cancel(run));
        assertEquals(RunStatus.CANCELLED, engine.await(run, Duration.ofSeconds(60)).status());
      }
    }
  }
}
