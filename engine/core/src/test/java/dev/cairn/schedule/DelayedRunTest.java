package dev.cairn.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CancelResult;
import dev.cairn.RunEvent;
import dev.cairn.RunHandle;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DelayedRunTest {
  static final Instant START = Instant.parse("2030-03-01T12:00:00Z");

  @Workflow(name = "greet")
  static final class Greet {
    final AtomicInteger calls = new AtomicInteger();

    @Step
    String hello(String name, StepContext ctx) {
      calls.incrementAndGet();
      return "hello " + name;
    }
  }

  @Test
  void aDelayedRunWaitsQueuedHoldingNoSlotAndStartsWhenDue() {
    ManualClock clock = new ManualClock(START);
    Greet greet = new Greet();
    try (Cairn cairn = TestEngines.builder().workerSlots(1).clock(clock).register(greet).build()) {
      cairn.start();
      RunHandle<Object> later = cairn.trigger("greet", "later",
          TriggerOptions.builder().delay(Duration.ofHours(1)).build());
      RunView waiting = cairn.getRun(later.id());
      assertEquals(RunStatus.QUEUED, waiting.status());
      assertEquals(START.plus(Duration.ofHours(1)), waiting.startAt());
      assertEquals(START.plus(Duration.ofHours(1)),
          cairn.listRuns(RunQuery.builder().build()).runs().get(0).startAt(), "listed with its due time");

      // The only slot is free for runs triggered meanwhile.
      assertEquals("hello now", cairn.trigger("greet", "now").result(String.class, Duration.ofSeconds(10)));
      assertEquals(RunStatus.QUEUED, cairn.getRun(later.id()).status());
      assertEquals(0, cairn.getRun(later.id()).step("hello").orElseThrow().attempts(), "no attempt before it is due");

      clock.advance(Duration.ofMinutes(59));
      assertEquals(RunStatus.QUEUED, cairn.getRun(later.id()).status(), "a minute early it still waits");
      clock.advance(Duration.ofMinutes(1));
      RunView done = cairn.await(later.id(), Duration.ofSeconds(10));
      assertEquals(RunStatus.SUCCEEDED, done.status());
      assertEquals(START.plus(Duration.ofHours(1)), done.startedAt(), "started when due by the engine's clock");
      assertEquals(2, greet.calls.get());
    }
  }

  @Test
  void aDelayedRunCancelledBeforeItsTimeNeverStarts() {
    ManualClock clock = new ManualClock(START);
    Greet greet = new Greet();
    try (Cairn cairn = TestEngines.builder().clock(clock).register(greet).build()) {
      cairn.start();
      RunHandle<Object> run = cairn.trigger("greet", "x",
          TriggerOptions.builder().runAt(START.plus(Duration.ofMinutes(10))).build());
      assertEquals(CancelResult.CANCELLED, cairn.cancel(run.id()));
      clock.advance(Duration.ofMinutes(20));
      // A run due now would start at once on this idle engine: give it that chance, then look.
      assertEquals("hello y", cairn.trigger("greet", "y").result(String.class, Duration.ofSeconds(10)));
      assertEquals(RunStatus.CANCELLED, cairn.getRun(run.id()).status());
      assertTrue(cairn.events(run.id(), 0, 100).stream().map(RunEvent::type).noneMatch("STEP_STARTED"::equals));
      assertEquals(1, greet.calls.get(), "only the other run ran");
    }
  }

  @Test
  void aDelayedRunOnAnotherNodeStartsWhenDueToo() {
    ManualClock clock = new ManualClock(START);
    Greet greet = new Greet();
    String schema = dev.cairn.testing.TestDatabase.newSchema();
    try (Cairn runner = TestEngines.builder(schema).clock(clock).register(greet).build();
        Cairn caller = TestEngines.builder(schema).clock(clock).register(new Greet()).workerSlots(1).build()) {
      runner.start();
      // The caller never starts: it only writes the run, so no timer of its own can wake anyone.
      RunHandle<Object> run = caller.trigger("greet", "z", TriggerOptions.builder().delay(Duration.ofDays(2)).build());
      clock.advance(Duration.ofDays(2));
      assertEquals("hello z", runner.await(run.id(), Duration.ofSeconds(10)).result(String.class));
      assertEquals(1, greet.calls.get());
    }
  }

  @Test
  void aStartInThePastOrANegativeDelayIsRefusedAndWritesNothing() {
    ManualClock clock = new ManualClock(START);
    try (Cairn cairn = TestEngines.builder().clock(clock).register(new Greet()).build()) {
      IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> cairn.trigger("greet", "p",
          TriggerOptions.builder().runAt(START.minusSeconds(1)).build()));
      assertTrue(past.getMessage().contains("runAt 2030-03-01T11:59:59Z is in the past"), past.getMessage());
      IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
          () -> TriggerOptions.builder().delay(Duration.ofSeconds(-5)));
      assertTrue(negative.getMessage().startsWith("delay is PT-5S"), negative.getMessage());
      IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
          () -> TriggerOptions.builder().runAt(Instant.parse("+10000-01-01T00:00:00Z")));
      assertTrue(far.getMessage().startsWith("runAt +10000-01-01T00:00:00Z is outside"), far.getMessage());
      assertEquals(0, cairn.listRuns(RunQuery.builder().build()).runs().size());
      RunView immediate = cairn.getRun(cairn.trigger("greet", "q",
          TriggerOptions.builder().delay(Duration.ZERO).build()).id());
      assertNull(immediate.startAt(), "a zero delay is no delay");
    }
  }
}
