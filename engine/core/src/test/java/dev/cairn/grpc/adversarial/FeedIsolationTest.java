package dev.cairn.grpc.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import dev.cairn.CairnTestAccess;
import dev.cairn.RunEvent;
import dev.cairn.Subscription;
import dev.cairn.TriggerOptions;
import dev.cairn.client.CairnClient;
import dev.cairn.internal.runs.EventFeed;
import dev.cairn.internal.runs.EventFeedTestAccess;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.WatchRunsRequest;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event feed is shared by every subscriber of a node, over gRPC and embedded; it keeps them apart. A filter
 * the database cannot run is refused before anything is subscribed; a subscriber whose consumer throws, or whose
 * reads fail in the database, is closed and told, and never stops another subscriber's events.
 */
class FeedIsolationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant YEAR_300000 = Instant.parse("+300000-01-01T00:00:00Z");

  private static AdversarialEngine engine;
  private static CairnClient client;

  @BeforeAll
  static void start() {
    engine = AdversarialEngine.start();
    client = CairnClient.builder(engine.target).token(engine.client.secret()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  @Test
  void aWatchRunsFilterTheDatabaseCannotRunIsRefusedBeforeAnythingIsSubscribed() {
    String group = "refused-" + UUID.randomUUID();
    List<RunEvent> remote = new CopyOnWriteArrayList<>();
    try (TestChannel channel = TestChannel.open(engine.target);
        Subscription good = client.watchRuns(Map.of("group", group), Instant.now().minusSeconds(1), remote::add,
            error -> { })) {
      RunServiceGrpc.RunServiceBlockingStub runs = RunServiceGrpc.newBlockingStub(channel.channel())
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(AdversarialEngine.bearer(engine.client.secret())))
          .withDeadlineAfter(Rpcs.DEADLINE_SECONDS, TimeUnit.SECONDS);
      for (WatchRunsRequest bad : List.of(WatchRunsRequest.newBuilder().putMetadata("k\u0000", "v").build(),
          WatchRunsRequest.newBuilder().setSince(Timestamp.newBuilder()
              .setSeconds(YEAR_300000.getEpochSecond())).build())) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
            () -> runs.watchRuns(bad).hasNext());
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
      }
      assertThrows(IllegalArgumentException.class,
          () -> engine.cairn.watchRuns(Map.of("k\u0000", "v"), Instant.now(), event -> { }));
      assertThrows(IllegalArgumentException.class, () -> engine.cairn.watchRuns(Map.of(), YEAR_300000, event -> { }));
      assertThrows(IllegalArgumentException.class, () -> engine.cairn.watch(engine.finishedRun, -1, event -> { }));
      UUID run = trigger(group);
      awaitFinished(remote, run);
    }
  }

  @Test
  void aSubscriberWhoseConsumerThrowsIsClosedAndToldWhileTheOthersKeepReceiving() {
    String group = "consumer-" + UUID.randomUUID();
    Instant since = Instant.now().minusSeconds(1);
    AtomicInteger calls = new AtomicInteger();
    List<Throwable> told = new CopyOnWriteArrayList<>();
    List<RunEvent> local = new CopyOnWriteArrayList<>();
    List<RunEvent> remote = new CopyOnWriteArrayList<>();
    try (Subscription broken = engine.cairn.watchRuns(Map.of("group", group), since, event -> {
          calls.incrementAndGet();
          throw new IllegalStateException("a consumer bug");
        }, told::add);
        Subscription fine = engine.cairn.watchRuns(Map.of("group", group), since, local::add);
        Subscription overGrpc = client.watchRuns(Map.of("group", group), since, remote::add, error -> { })) {
      UUID first = trigger(group);
      UUID second = trigger(group);
      awaitFinished(local, first, second);
      awaitFinished(remote, first, second);
      assertEquals(1, calls.get(), "a throwing consumer gets no second event");
      assertEquals(1, told.size());
      assertInstanceOf(IllegalStateException.class, told.get(0));
      assertEquals(engine.cairn.events(first, 0, 1000), eventsOf(local, first), "every event once, in order");
    }
  }

  @Test
  void aSingleRunSubscriberWhoseConsumerFailsLeavesTheOthersOfThatRunReceiving() {
    List<Throwable> told = new CopyOnWriteArrayList<>();
    List<RunEvent> local = new CopyOnWriteArrayList<>();
    UUID run = engine.finishedRun;
    try (Subscription broken = engine.cairn.watch(run, 0, event -> {
          throw new AssertionError("a consumer that fails an assertion");
        }, told::add);
        Subscription fine = engine.cairn.watch(run, 0, local::add)) {
      Await.until("the healthy subscriber has the whole log", WAIT,
          () -> local.size() == engine.finishedRunLastSeq);
      Await.until("the failing subscriber was told", WAIT, () -> told.size() == 1);
      assertEquals(engine.cairn.events(run, 0, 1000), local);
    }
  }

  @Test
  void aSubscriptionWhoseReadsFailInTheDatabaseIsClosedAndToldWhileTheOthersKeepReceiving() {
    String group = "database-" + UUID.randomUUID();
    Instant since = Instant.now().minusSeconds(1);
    EventFeed feed = CairnTestAccess.engine(engine.cairn).eventFeed();
    List<Throwable> told = new CopyOnWriteArrayList<>();
    AtomicInteger delivered = new AtomicInteger();
    List<RunEvent> local = new CopyOnWriteArrayList<>();
    List<RunEvent> remote = new CopyOnWriteArrayList<>();
    try (Subscription broken = EventFeedTestAccess.watchRunsUnchecked(feed, "{not json", since,
            event -> delivered.incrementAndGet(), told::add);
        Subscription fine = engine.cairn.watchRuns(Map.of("group", group), since, local::add);
        Subscription overGrpc = client.watchRuns(Map.of("group", group), since, remote::add, error -> { })) {
      UUID run = trigger(group);
      awaitFinished(local, run);
      awaitFinished(remote, run);
      Await.until("the failing subscription is closed and its subscriber told", WAIT, () -> told.size() == 1);
      UUID later = trigger(group);
      awaitFinished(local, later);
      awaitFinished(remote, later);
      assertEquals(0, delivered.get());
      assertEquals(1, told.size(), "told once");
    }
  }

  private static UUID trigger(String group) {
    return engine.cairn.trigger(AdversarialEngine.WORKFLOW, Map.of("a", 1),
        TriggerOptions.builder().metadata("group", group).build()).id();
  }

  private static void awaitFinished(List<RunEvent> received, UUID... runs) {
    for (UUID run : runs) {
      Await.until("RUN_SUCCEEDED of " + run, WAIT, () -> received.stream()
          .anyMatch(event -> event.runId().equals(run) && event.type().equals("RUN_SUCCEEDED")));
    }
  }

  private static List<RunEvent> eventsOf(List<RunEvent> received, UUID run) {
    return received.stream().filter(event -> event.runId().equals(run)).toList();
  }
}
