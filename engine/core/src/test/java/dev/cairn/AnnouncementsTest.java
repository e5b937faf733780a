package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node hears of the runs another node finished, and of the events it appended, from that node's announcements:
 * the listening node's poll interval here is ten minutes, so nothing else would tell it within the test's deadline.
 */
class AnnouncementsTest {
  private static final Duration NEVER = Duration.ofMinutes(10);
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @Workflow(name = "announced")
  static final class Held {
    @Step
    int only(Integer input) throws InterruptedException {
      if (!RELEASE.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("never released");
      }
      return input;
    }
  }

  @Test
  void aWaiterAndASubscriptionOnAnotherNodeHearOfTheRunsEnd() throws Exception {
    String schema = TestDatabase.newSchema();
    try (Cairn runner = TestEngines.builder(schema).nodeId("runner").register(new Held()).build();
        Cairn listener = TestEngines.builder(schema).nodeId("listener").pollInterval(NEVER).build()) {
      runner.start();
      listener.start();
      UUID run = runner.trigger("announced", 7).id();
      Await.until("the step runs on the runner", DEADLINE, () -> runner.getRun(run).status() == RunStatus.RUNNING);
      List<String> events = new CopyOnWriteArrayList<>();
      try (Subscription subscription = listener.watch(run, 0, event -> events.add(event.type()), error -> { })) {
        Await.until("the subscription read the log so far", DEADLINE, () -> events.contains("STEP_STARTED"));
        CompletableFuture<RunView> result = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
          try {
            result.complete(listener.await(run, NEVER)); // reads the run again only then
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        }, "waiter-on-listener");
        waiter.setDaemon(true);
        waiter.start();
        // Waiting on its future, after its one read of the run: only a notification can wake it before the deadline.
        Await.until("the listener's waiter waits", DEADLINE, () -> waiter.getState() == Thread.State.TIMED_WAITING);
        RELEASE.countDown();
        RunView ended = result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(RunStatus.SUCCEEDED, ended.status());
        assertEquals(7, ended.output("only", Integer.class));
        Await.until("the subscription saw the run end", DEADLINE, () -> events.contains("RUN_SUCCEEDED"));
        assertEquals(List.of("RUN_QUEUED", "STEP_QUEUED", "RUN_STARTED", "STEP_STARTED", "STEP_SUCCEEDED",
            "RUN_SUCCEEDED"), events);
      }
    }
  }
}
