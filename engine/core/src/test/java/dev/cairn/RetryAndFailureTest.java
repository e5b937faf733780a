package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryAndFailureTest {
  static final class CardDeclined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CardDeclined(String message) {
      super(message);
    }
  }

  @Workflow(name = "flaky")
  static final class Flaky {
    final List<Long> attemptTimes = new CopyOnWriteArrayList<>();

    @Step(retries = 3, backoff = "300ms", backoffFactor = 2.0, jitter = 0.1)
    String call(StepContext ctx) {
      attemptTimes.add(System.nanoTime());
      if (ctx.previousFailures() < 2) {
        throw new IllegalStateException("upstream 503 on attempt " + ctx.attempt());
      }
      return "ok after " + ctx.previousFailures() + " failures";
    }
  }

  @Workflow(name = "charge")
  static final class Charge {
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger compensations = new AtomicInteger();
    volatile String compensatedRun;

    @Step(retries = 5, backoff = "10ms", nonRetryable = CardDeclined.class)
    String charge(String card) {
      attempts.incrementAndGet();
      if (card.equals("declined")) {
        throw new CardDeclined("card " + card + " declined");
      }
      if (card.equals("stolen")) {
        throw new NonRetryableException("card reported stolen");
      }
      return "charged " + card;
    }

    @Step(parents = "charge")
    String ship(@Parent("charge") String charged) {
      return "shipped after " + charged;
    }

    @OnFailure
    void refund(StepContext ctx) {
      compensations.incrementAndGet();
      compensatedRun = ctx.runId().toString();
    }
  }

  @Workflow(name = "always-failing")
  static final class AlwaysFailing {
    final AtomicInteger attempts = new AtomicInteger();

    @Step(retries = 2, backoff = "10ms")
    String fetch() {
      attempts.incrementAndGet();
      throw new IllegalStateException("connection refused");
    }

    @Step(parents = "fetch")
    String after(@Parent("fetch") String fetched) {
      return fetched;
    }
  }

  @Test
  void retriesWithExponentialBackoffThenSucceeds() {
    Flaky flaky = new Flaky();
    try (Cairn cairn = TestEngines.builder().register(flaky).build()) {
      cairn.start();
      String result = cairn.trigger(Flaky.class, null).result(String.class, Duration.ofSeconds(30));
      assertEquals("ok after 2 failures", result);
      assertEquals(3, flaky.attemptTimes.size());
      long firstGapMillis = (flaky.attemptTimes.get(1) - flaky.attemptTimes.get(0)) / 1_000_000;
      long secondGapMillis = (flaky.attemptTimes.get(2) - flaky.attemptTimes.get(1)) / 1_000_000;
      assertTrue(firstGapMillis >= 270, "first backoff ~300 ms ±10%, was " + firstGapMillis);
      assertTrue(secondGapMillis >= 540, "second backoff ~600 ms ±10%, was " + secondGapMillis);
    }
  }

  @Test
  void listedExceptionFailsAtOnceAndRunsOnFailureStep() {
    Charge charge = new Charge();
    try (Cairn cairn = TestEngines.builder().register(charge).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger(Charge.class, "declined");
      RunFailedException failure = assertThrows(RunFailedException.class,
          () -> run.result(String.class, Duration.ofSeconds(30)));
      assertEquals(1, charge.attempts.get());
      assertTrue(failure.getMessage().contains("step 'charge' failed after 1 attempt"), failure.getMessage());
      assertTrue(failure.getMessage().contains("card declined declined"), failure.getMessage());
      RunView view = cairn.getRun(run.id());
      assertEquals(RunStatus.FAILED, view.status());
      assertEquals(StepStatus.FAILED, view.step("charge").orElseThrow().status());
      assertEquals(StepStatus.SKIPPED, view.step("ship").orElseThrow().status());
      assertEquals(StepStatus.SUCCEEDED, view.step("refund").orElseThrow().status());
      assertEquals(1, charge.compensations.get());
      assertEquals(run.id().toString(), charge.compensatedRun);
    }
  }

  @Test
  void nonRetryableExceptionFailsAtOnce() {
    Charge charge = new Charge();
    try (Cairn cairn = TestEngines.builder().register(charge).build()) {
      cairn.start();
      RunView view = cairn.trigger(Charge.class, "stolen").await(Duration.ofSeconds(30));
      assertEquals(RunStatus.FAILED, view.status());
      assertEquals(1, charge.attempts.get());
      assertTrue(view.error().contains("NonRetryableException: card reported stolen"), view.error());
    }
  }

  @Test
  void onFailureStepIsSkippedWhenTheRunSucceeds() {
    Charge charge = new Charge();
    try (Cairn cairn = TestEngines.builder().register(charge).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger(Charge.class, "visa");
      assertEquals("shipped after charged visa", run.result(String.class, Duration.ofSeconds(30)));
      assertEquals(StepStatus.SKIPPED, cairn.getRun(run.id()).step("refund").orElseThrow().status());
      assertEquals(0, charge.compensations.get());
    }
  }

  @Test
  void exhaustedRetriesFailTheRunNamingStepAndCause() {
    AlwaysFailing failing = new AlwaysFailing();
    try (Cairn cairn = TestEngines.builder().register(failing).build()) {
      cairn.start();
      RunHandle<?> run = cairn.trigger(AlwaysFailing.class, null);
      RunView view = run.await(Duration.ofSeconds(30));
      assertEquals(RunStatus.FAILED, view.status());
      assertEquals(3, failing.attempts.get());
      assertEquals("step 'fetch' failed after 3 attempts: java.lang.IllegalStateException: connection refused",
          view.error());
      StepView fetch = view.step("fetch").orElseThrow();
      assertEquals(3, fetch.failures());
      assertEquals(StepStatus.SKIPPED, view.step("after").orElseThrow().status());
      List<String> types = cairn.events(run.id(), 0, 100).stream().map(RunEvent::type).toList();
      assertEquals(2, types.stream().filter("STEP_RETRYING"::equals).count());
      assertEquals(1, types.stream().filter("STEP_FAILED"::equals).count());
      assertEquals("RUN_FAILED", types.get(types.size() - 1));
    }
  }
}
