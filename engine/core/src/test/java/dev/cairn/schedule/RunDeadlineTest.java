package dev.cairn.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.DefinitionException;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.StepStatus;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A deadline for the whole run, beside the steps' own timeouts: a run not final by then is cancelled. */
class RunDeadlineTest {
  static final Instant START = Instant.parse("2030-06-01T00:00:00Z");
  static final Duration WAIT = Duration.ofSeconds(20);

  @Workflow(name = "napping", timeout = "1h")
  static final class Napping {
    @Step
    String nap(Integer hours, StepContext ctx) {
      ctx.sleep(Duration.ofHours(hours));
      return "woke after " + hours + "h";
    }
  }

  @Workflow(name = "bad-deadline", timeout = "soon")
  static final class BadDeadline {
    @Step
    String only(String input) {
      return input;
    }
  }

  @Test
  void aRunNotFinalByItsDeadlineIsCancelledAndATriggersTimeoutOverridesTheWorkflows() {
    String schema = TestDatabase.newSchema();
    ManualClock clock = new ManualClock(START);
    try (Cairn cairn = TestEngines.builder(schema).clock(clock).register(new Napping()).build()) {
      cairn.start();
      UUID late = cairn.trigger("napping", 2).id();
      UUID allowed = cairn.trigger("napping", 2, TriggerOptions.builder().timeout(Duration.ofHours(3)).build()).id();
      UUID delayed = cairn.trigger("napping", 1, TriggerOptions.builder().delay(Duration.ofHours(5))
          .timeout(Duration.ofMinutes(30)).build()).id();
      Await.until("both nap", WAIT, () -> cairn.getRun(late).step("nap").orElseThrow().status() == StepStatus.WAITING
          && cairn.getRun(allowed).step("nap").orElseThrow().status() == StepStatus.WAITING);
      assertEquals(START.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(30)).getEpochSecond(),
          TestDatabase.queryLong("SELECT extract(epoch FROM deadline_at)::bigint FROM " + schema + ".runs WHERE id = '"
              + delayed + "'"), "a delayed run's deadline counts from when it is due");

      clock.advance(Duration.ofMinutes(59));
      assertEquals(RunStatus.RUNNING, cairn.getRun(late).status(), "a minute before its deadline it naps on");
      clock.advance(Duration.ofMinutes(1));
      RunView cancelled = cairn.await(late, WAIT);
      assertEquals(RunStatus.CANCELLED, cancelled.status());
      assertTrue(cancelled.error().contains("deadline passed"), cancelled.error());

      clock.advance(Duration.ofHours(1));
      assertEquals("woke after 2h", cairn.await(allowed, WAIT).result(String.class),
          "its own three hours were enough");
    }
  }

  @Test
  void badDeadlinesAreRefused() {
    DefinitionException declared = assertThrows(DefinitionException.class,
        () -> TestEngines.builder().register(new BadDeadline()).build());
    assertTrue(declared.getMessage().contains("@Workflow(timeout)"), declared.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> TriggerOptions.builder().timeout(Duration.ZERO));
    assertTrue(zero.getMessage().startsWith("timeout is PT0S"), zero.getMessage());
  }
}
