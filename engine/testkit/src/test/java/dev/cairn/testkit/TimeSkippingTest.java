package dev.cairn.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Parent;
import dev.cairn.RunHandle;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kit's clock skips ahead by itself while every run waits on time: a week's sleep, three hours of retry backoff
 * and a two-day event timeout pass without waiting for them.
 */
class TimeSkippingTest {
  @Workflow(name = "trial")
  static final class Trial {
    final AtomicInteger charges = new AtomicInteger();

    @Step
    String start(String customer, StepContext ctx) {
      ctx.sleep(Duration.ofDays(7));
      return customer;
    }

    @Step(retries = 3, backoff = "1h", maxBackoff = "1h", jitter = 0)
    String charge(@Parent("start") String customer) {
      if (charges.incrementAndGet() <= 3) {
        throw new IllegalStateException("card of " + customer + " declined");
      }
      return "paid";
    }

    @Step
    String confirm(@Parent("charge") String payment, StepContext ctx) {
      return ctx.waitForEvent("confirmed", Duration.ofDays(2), String.class).orElse(payment + ", unconfirmed");
    }
  }

  static final Trial TRIAL = new Trial();

  @RegisterExtension
  static final CairnExtension cairn = CairnExtension.builder().register(TRIAL).build();

  @Test
  void aWeekOfSleepHoursOfBackoffAndADayLongTimeoutPassWithoutWaiting() {
    Instant start = cairn.clock().now();
    long wallStart = System.nanoTime();
    RunHandle<?> run = cairn.runs().trigger(Trial.class, "ada");
    assertEquals("paid, unconfirmed", run.result(String.class, Duration.ofSeconds(60)));
    long wallMillis = Duration.ofNanos(System.nanoTime() - wallStart).toMillis();
    System.out.printf("7 days of sleep, 3 x 1 h of backoff and a 2-day timeout took %d ms of wall time%n",
        wallMillis);

    Duration simulated = Duration.between(start, cairn.clock().now());
    assertTrue(simulated.compareTo(Duration.ofDays(9).plusHours(3)) >= 0, "the clock moved " + simulated);
    RunAssert.assertThat(run).succeeded()
        .step("charge").succeeded().attempts(4).failures(3).and()
        .hasEvents("STEP_RETRYING", 3);
    assertEquals(4, TRIAL.charges.get());
  }
}
