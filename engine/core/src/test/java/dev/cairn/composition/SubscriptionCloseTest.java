package dev.cairn.composition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.RunEvent;
import dev.cairn.RunHandle;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Subscription;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Subscription#close()} against a delivery in progress: once close returns, the consumer gets nothing more
 * and {@link Subscription#lastSeq()} is the last event it got, so resuming from it neither skips nor repeats.
 */
class SubscriptionCloseTest {
  private static final int LINES = 800;

  @Workflow(name = "loud")
  static final class Loud {
    @Step
    int talk(Integer lines, StepContext ctx) {
      for (int i = 1; i <= lines; i++) {
        ctx.emit("line", i);
      }
      return lines;
    }
  }

  @Test
  void closeWaitsForTheConsumerToReturnAndNothingFollows() throws Exception {
    try (Cairn cairn = TestEngines.builder().register(new Loud()).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("loud", 5);
      run.await(Duration.ofSeconds(30));
      CountDownLatch inConsumer = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicBoolean closeReturned = new AtomicBoolean();
      List<String> violations = new CopyOnWriteArrayList<>();
      List<RunEvent> received = new CopyOnWriteArrayList<>();
      Subscription subscription = cairn.watch(run.id(), 0, event -> {
        if (closeReturned.get()) {
          violations.add("event " + event.seq() + " after close returned");
        }
        received.add(event);
        if (event.seq() == 2) {
          inConsumer.countDown();
          await(release);
        }
      });
      assertTrue(inConsumer.await(30, TimeUnit.SECONDS), "event 2 reached the consumer");
      Thread closer = new Thread(() -> {
        subscription.close();
        closeReturned.set(true);
      }, "closer");
      closer.start();
      Await.until("close() waits on the delivery in progress", Duration.ofSeconds(30),
          () -> closer.getState() == Thread.State.WAITING || closer.getState() == Thread.State.TIMED_WAITING);
      assertFalse(closeReturned.get(), "close() returned while the consumer still held event 2");
      release.countDown();
      closer.join(TimeUnit.SECONDS.toMillis(30));
      assertTrue(closeReturned.get());
      assertEquals(2, subscription.lastSeq(), "the event being delivered when close was called counts");
      assertEquals(List.of(1L, 2L), received.stream().map(RunEvent::seq).toList());
      assertEquals(List.of(), violations);
    }
  }

  @Test
  void closingAtRandomPointsWhileEventsFlowAndResumingSeesEveryEventOnce() throws InterruptedException {
    try (Cairn cairn = TestEngines.builder().register(new Loud()).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("loud", LINES);
      run.await(Duration.ofSeconds(60));
      List<RunEvent> log = new ArrayList<>();
      for (long after = 0; ; ) {
        List<RunEvent> page = cairn.events(run.id(), after, 1000);
        if (page.isEmpty()) {
          break;
        }
        log.addAll(page);
        after = page.get(page.size() - 1).seq();
      }
      Random random = new Random(42);
      List<RunEvent> received = new CopyOnWriteArrayList<>();
      AtomicReference<String> violation = new AtomicReference<>();
      long resumeFrom = 0;
      int rounds = 0;
      while (resumeFrom < log.size()) {
        rounds++;
        AtomicBoolean closeReturned = new AtomicBoolean();
        AtomicInteger thisRound = new AtomicInteger();
        int closeAfter = 1 + random.nextInt(12);
        CountDownLatch enough = new CountDownLatch(1);
        Subscription subscription = cairn.watch(run.id(), resumeFrom, event -> {
          if (closeReturned.get()) {
            violation.compareAndSet(null, "event " + event.seq() + " after close returned");
          }
          received.add(event);
          if (thisRound.incrementAndGet() >= closeAfter) {
            enough.countDown(); // the test thread closes now, while the next deliveries go on
          }
          for (int spin = 0; spin < 2_000; spin++) {
            Thread.onSpinWait(); // widens the window in which close() meets a delivery
          }
        }, ended -> enough.countDown());
        assertTrue(enough.await(30, TimeUnit.SECONDS), "a few events or the end");
        subscription.close();
        closeReturned.set(true);
        resumeFrom = subscription.lastSeq();
        assertEquals(received.get(received.size() - 1).seq(), resumeFrom,
            "lastSeq is the last event the consumer got");
      }
      assertNull(violation.get());
      assertTrue(rounds >= 5, "closed mid-stream several times: " + rounds);
      assertEquals(log, received, "every event exactly once, in order");
    }
  }

  @Test
  void aRunWatchEndsAfterTheFinalEventAndAtOnceAtTheEndOfAFinishedLog() throws Exception {
    try (Cairn cairn = TestEngines.builder().register(new Loud()).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger("loud", 3);
      CompletableFuture<Throwable> ended = new CompletableFuture<>();
      List<RunEvent> received = new CopyOnWriteArrayList<>();
      cairn.watch(run.id(), 0, received::add, ended::complete);
      assertNull(ended.get(30, TimeUnit.SECONDS), "ended because the run finished");
      assertEquals("RUN_SUCCEEDED", received.get(received.size() - 1).type());

      CompletableFuture<Throwable> atOnce = new CompletableFuture<>();
      cairn.watch(run.id(), received.get(received.size() - 1).seq(), event -> atOnce.complete(
          new AssertionError("no event after the end")), atOnce::complete);
      assertNull(atOnce.get(30, TimeUnit.SECONDS));

      assertThrows(CairnException.class, () -> cairn.watch(UUID.randomUUID(), 0, event -> { }));
      assertThrows(IllegalArgumentException.class, () -> cairn.watch(run.id(), received.size() + 1, event -> { }));
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
