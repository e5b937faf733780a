package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.client.CairnClient;
import dev.cairn.testing.SwitchableDataSource;
import dev.cairn.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An unreachable database is UNAVAILABLE (retryable) everywhere and never INTERNAL with SQL text; an engine started
 * while its database is down waits for it instead of failing.
 */
class DatabaseOutageTest {
  @Workflow(name = "outage")
  static final class Outage {
    @Step
    String only(String input) {
      return input;
    }
  }

  private static Cairn.Builder builder(SwitchableDataSource database) {
    return Cairn.builder().dataSource(database).schema(TestDatabase.newSchema()).grpcPort(0).grpcHost("127.0.0.1")
        .pollInterval(Duration.ofMillis(200)).sweepInterval(Duration.ofMillis(200))
        .shutdownTimeout(Duration.ofSeconds(2));
  }

  @Test
  void callsDuringAnOutageAreUnavailableWithoutSqlAndWorkAgainAfterIt() {
    SwitchableDataSource database = new SwitchableDataSource(TestDatabase.dataSource());
    try (Cairn cairn = builder(database).register(new Outage()).build()) {
      cairn.start();
      String target = "127.0.0.1:" + cairn.grpcPort();
      String client = cairn.tokens().create("client", Role.CLIENT, null).secret();
      String unseen = cairn.tokens().create("unseen", Role.CLIENT, null).secret();
      try (CairnClient remote = CairnClient.builder(target).token(client).build();
          CairnClient fresh = CairnClient.builder(target).token(unseen).build()) {
        remote.trigger("outage", "before", TriggerOptions.NONE);
        database.down(true);
        CairnException trigger = assertThrows(CairnException.class,
            () -> remote.trigger("outage", "during", TriggerOptions.NONE));
        assertUnavailable(trigger);
        assertUnavailable(assertThrows(CairnException.class,
            () -> remote.listRuns(RunQuery.builder().build())));
        assertUnavailable(assertThrows(CairnException.class, () -> fresh.trigger("outage", "x", TriggerOptions.NONE)));
        database.down(false);
        String after = cairn.result(remote.trigger("outage", "after", TriggerOptions.NONE).id(), String.class,
            Duration.ofSeconds(30));
        assertEquals("after", after);
      }
    }
  }

  private static void assertUnavailable(CairnException error) {
    String message = error.getMessage();
    assertTrue(message.startsWith("UNAVAILABLE"), message);
    for (String leak : new String[] {"SQL", "08001", "jdbc", "postgresql", "Exception", "refused"}) {
      assertFalse(message.contains(leak), "'" + leak + "' leaked into: " + message);
    }
  }

  @Test
  void anEngineStartedWhileTheDatabaseIsDownWaitsForIt() {
    SwitchableDataSource database = new SwitchableDataSource(TestDatabase.dataSource());
    database.refuseNext(2);
    try (Cairn cairn = builder(database).databaseStartupWait(Duration.ofSeconds(60)).register(new Outage())
        .build()) {
      assertEquals(2, database.refusals(), "it tried, waited and tried again");
      cairn.start();
      assertEquals("up", cairn.trigger("outage", "up").result(String.class, Duration.ofSeconds(30)));
    }
  }

  @Test
  void withoutAStartupWaitAnUnreachableDatabaseFailsTheBuildAtOnce() {
    SwitchableDataSource database = new SwitchableDataSource(TestDatabase.dataSource());
    database.down(true);
    assertThrows(RuntimeException.class,
        () -> builder(database).databaseStartupWait(Duration.ZERO).register(new Outage()).build());
    assertEquals(1, database.refusals());
  }
}
