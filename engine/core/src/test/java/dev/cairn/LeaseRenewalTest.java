package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.Renewal;
import dev.cairn.db.Store;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Renewing a lease never mistakes "someone else holds the row lock right now" for "the lease is lost": a step that
 * is saving a durable operation locks its own row through the foreign key, and its lease must still be kept.
 */
class LeaseRenewalTest {
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @Workflow(name = "held")
  static final class Held {
    @Step(timeout = "1m")
    String only(String input) throws InterruptedException {
      RELEASE.await();
      return input;
    }
  }

  @Test
  void aRowLockedByAnotherTransactionIsBusyNotLostAndAKeyShareLockDoesNotBlockRenewal() throws Exception {
    String schema = TestDatabase.newSchema();
    try (Cairn cairn = TestEngines.builder(schema).leaseDuration(Duration.ofMillis(600)).register(new Held())
        .build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("held", "x");
      Await.until("the step runs", Duration.ofSeconds(20),
          () -> cairn.getRun(run.id()).step("only").orElseThrow().status() == StepStatus.RUNNING);
      Store store = CairnTestAccess.engine(cairn).store();
      long stepId = TestDatabase.queryLong("SELECT id FROM " + schema + ".steps");
      String holder = holder(schema);
      AttemptRef attempt = new AttemptRef(stepId, run.id(), 1, holder);

      try (Connection locker = TestDatabase.dataSource().getConnection()) {
        locker.setAutoCommit(false);
        lock(locker, schema, stepId, "FOR KEY SHARE");
        assertEquals(Renewal.RENEWED, renewUnlessEngineRenews(store, attempt),
            "the foreign key's lock (a durable operation being saved) does not conflict with renewal");
        // Several rounds of the lease keeper pass while the key-share lock is held: the attempt goes on.
        Thread.sleep(1_500);
        locker.rollback();
        lock(locker, schema, stepId, "FOR UPDATE");
        assertEquals(Renewal.BUSY, store.stepRenewLeaseAll(List.of(attempt), 600).get(stepId));
        locker.rollback();
      }
      assertEquals(Renewal.LOST, store.stepRenewLeaseAll(List.of(new AttemptRef(stepId, run.id(), 1, "node/other")),
          600).get(stepId), "another holder");
      assertEquals(Renewal.LOST, store.stepRenewLeaseAll(List.of(new AttemptRef(stepId, UUID.randomUUID(), 1,
          holder)), 600).get(stepId), "another run");
      RELEASE.countDown();
      RunView done = cairn.await(run.id(), Duration.ofSeconds(20));
      assertEquals(RunStatus.SUCCEEDED, done.status());
      assertEquals(1, done.step("only").orElseThrow().attempts(), "never interrupted, never given out again");
    }
  }

  /**
   * Renews as the test, asking again (up to 20 times) while the answer is BUSY: the engine's own lease keeper renews
   * the same row every few hundred milliseconds, and its momentary row lock answers BUSY. A lock that really
   * conflicted with renewal would answer BUSY every time while it is held.
   */
  private static Renewal renewUnlessEngineRenews(Store store, AttemptRef attempt) throws InterruptedException {
    Renewal renewal = store.stepRenewLeaseAll(List.of(attempt), 600).get(attempt.id());
    for (int i = 0; i < 20 && renewal == Renewal.BUSY; i++) {
      Thread.sleep(10); // a pause between attempts, not a synchronisation: each answer is checked
      renewal = store.stepRenewLeaseAll(List.of(attempt), 600).get(attempt.id());
    }
    return renewal;
  }

  private static String holder(String schema) throws SQLException {
    try (Connection connection = TestDatabase.dataSource().getConnection();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT lease_holder FROM " + schema + ".steps")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void lock(Connection connection, String schema, long stepId, String strength) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1 FROM " + schema + ".steps WHERE id = " + stepId + " " + strength);
    }
  }
}
