package dev.cairn.internal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The in-memory end of a run this node expects: a waiter for its result gets the terminal step's output from the
 * completer's signal, without reading the run (these waiters have no reader: a read would fail the test).
 */
class RunWaitersTest {
  private final RunWaiters waiters = new RunWaiters(null, Duration.ofSeconds(30));

  @Test
  void anExpectedRunEndedWithItsOutputIsReturnedWithoutARead() {
    UUID run = UUID.randomUUID();
    waiters.expect(List.of(run));
    waiters.finished(List.of(run), Map.of(run, "{\"total\":42}"));
    RunWaiters.Ended ended = waiters.awaitOutput(run, Duration.ofSeconds(5));
    assertEquals("{\"total\":42}", ended.outputJson());
    assertNull(ended.run());
  }

  @Test
  void aWaiterBlockedBeforeTheEndIsWokenWithTheOutput() throws Exception {
    UUID run = UUID.randomUUID();
    waiters.expect(List.of(run));
    CompletableFuture<RunWaiters.Ended> waiting = CompletableFuture.supplyAsync(
        () -> waiters.awaitOutput(run, Duration.ofSeconds(20)));
    waiters.finished(List.of(UUID.randomUUID()), Map.of()); // another run's end does not wake it with an output
    waiters.finished(List.of(run), Map.of(run, "7"));
    assertEquals("7", waiting.get(20, TimeUnit.SECONDS).outputJson());
  }
}
