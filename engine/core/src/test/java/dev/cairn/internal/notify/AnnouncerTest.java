package dev.cairn.internal.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.db.PgListener;
import dev.cairn.db.Store;
import dev.cairn.internal.completion.Channels;
import dev.cairn.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a node's commits did reaches the other nodes as notifications they can read, and only they act on them. */
class AnnouncerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final String schema = TestDatabase.newSchema();
  private final Channels sender = new Channels(schema, "node-a");
  private final Channels other = new Channels(schema, "node-b");

  @Test
  void finishedRunsReachAnotherNodeInPayloadsPostgresAccepts() throws SQLException {
    List<UUID> runs = IntStream.range(0, 400).mapToObj(i -> UUID.randomUUID()).toList();
    Announcer announcer = new Announcer(new Store(TestDatabase.dataSource(), schema), sender, Duration.ofMillis(10));
    try (PgListener listener = new PgListener(TestDatabase.dataSource(), List.of(sender.runs(), sender.events()))) {
      announcer.start();
      announcer.runsFinished(runs);
      List<PgListener.Notification> received = receive(listener, notifications -> notifications.stream()
          .filter(n -> n.channel().equals(sender.runs())).mapToInt(n -> other.finishedElsewhere(n.payload()).size())
          .sum() >= runs.size() && notifications.stream().anyMatch(n -> n.channel().equals(sender.events())));
      List<UUID> heard = new ArrayList<>();
      for (PgListener.Notification notification : received) {
        assertTrue(notification.payload().length() < 8000, "payload of " + notification.payload().length());
        if (notification.channel().equals(sender.runs())) {
          heard.addAll(other.finishedElsewhere(notification.payload()));
          assertTrue(sender.finishedElsewhere(notification.payload()).isEmpty(), "the sender ignores its own");
        } else {
          // Their final events were appended too: the other node's subscriptions look.
          assertTrue(other.fromElsewhere(notification.payload()));
          assertFalse(sender.fromElsewhere(notification.payload()), "the sender ignores its own");
        }
      }
      assertEquals(runs, heard);
      assertTrue(received.stream().filter(n -> n.channel().equals(sender.runs())).count() >= 3,
          "400 ids need three payloads under 8000 bytes");
    } finally {
      announcer.stop();
    }
  }

  @Test
  void theFirstAnnouncementGoesAtOnceAndLaterOnesWithinTheSpacingTogetherOrWhenItStops() throws SQLException {
    Announcer announcer = new Announcer(new Store(TestDatabase.dataSource(), schema), sender, Duration.ofHours(1));
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();
    try (PgListener listener = new PgListener(TestDatabase.dataSource(), List.of(sender.runs()))) {
      announcer.start();
      announcer.runsFinished(List.of(first));
      List<PgListener.Notification> before = receive(listener, notifications -> !notifications.isEmpty());
      assertEquals(List.of(first), other.finishedElsewhere(before.get(0).payload()));
      announcer.runsFinished(List.of(second));
      announcer.runsFinished(List.of(third));
      announcer.stop(); // an hour before the next may go: stopping sends what is left
      List<PgListener.Notification> after = receive(listener, notifications -> !notifications.isEmpty());
      assertEquals(1, after.size(), "gathered into one notification: " + after);
      assertEquals(List.of(second, third), other.finishedElsewhere(after.get(0).payload()));
    } finally {
      announcer.stop();
    }
  }

  @Test
  void aPayloadWithoutSenderIsAnotherNodesAndMalformedIdsAreRefused() {
    UUID run = UUID.randomUUID();
    assertEquals(List.of(run), sender.finishedElsewhere(run.toString()));
    assertEquals(List.of(run), sender.finishedElsewhere(run + ";node-b;x"));
    assertTrue(sender.finishedElsewhere(run + ";node-a").isEmpty());
    assertTrue(other.finishedElsewhere(";node-a").isEmpty());
    // The notifier logs the refusal and goes on (Notifier.dispatch).
    assertThrows(IllegalArgumentException.class, () -> sender.finishedElsewhere("not-an-id;node-b"));
  }

  private interface Enough {
    boolean test(List<PgListener.Notification> received);
  }

  /** Notifications until {@code enough} holds of all received so far, or the deadline passes (then fails). */
  private static List<PgListener.Notification> receive(PgListener listener, Enough enough) throws SQLException {
    List<PgListener.Notification> received = new ArrayList<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!enough.test(received)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not received within " + DEADLINE + ": " + received);
      }
      received.addAll(listener.poll(100));
    }
    return received;
  }
}
