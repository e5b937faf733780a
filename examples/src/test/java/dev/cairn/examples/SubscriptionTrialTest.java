package dev.cairn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.RunHandle;
import dev.cairn.StepStatus;
import dev.cairn.testkit.CairnExtension;
import dev.cairn.testkit.Eventually;
import dev.cairn.testkit.RunAssert;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A week-long workflow tested in about a second: the kit's clock skips the week of trial, the hourly retries and
 * the two days of waiting whenever the run has nothing to do but wait.
 */
class SubscriptionTrialTest {
  /** Declines the first {@code declines} charges. */
  static final class FlakyPayments implements SubscriptionTrial.Payments {
    final AtomicInteger calls = new AtomicInteger();
    final int declines;

    FlakyPayments(int declines) {
      this.declines = declines;
    }

    @Override
    public String charge(String customer, long cents) {
      if (calls.incrementAndGet() <= declines) {
        throw new IllegalStateException("card declined");
      }
      return "pay-" + customer + "-" + cents;
    }
  }

  static final FlakyPayments PAYMENTS = new FlakyPayments(3);

  @RegisterExtension
  static final CairnExtension cairn = CairnExtension.builder().register(new SubscriptionTrial(PAYMENTS)).build();

  @Test
  void aTrialWithThreeDeclinedChargesAndNoAnswerEndsOnTheMonthlyPlanNineDaysLater() {
    Instant start = cairn.clock().now();
    RunHandle<?> run = cairn.runs().trigger(SubscriptionTrial.class, new SubscriptionTrial.Trial("ada", 900));
    SubscriptionTrial.Outcome outcome = run.result(SubscriptionTrial.Outcome.class, Duration.ofSeconds(30));

    assertEquals(new SubscriptionTrial.Outcome("ada", "pay-ada-900", "monthly"), outcome);
    RunAssert.assertThat(run).succeeded()
        .step("charge").attempts(4).failures(3).and()
        .hasEvents("STEP_RETRYING", 3)
        .hasEvent("trial-started");
    Duration passed = Duration.between(start, cairn.clock().now());
    assertEquals(true, passed.compareTo(Duration.ofDays(9).plusHours(3)) >= 0, "the test clock moved " + passed);
  }

  @Test
  void aPlanChosenWithinTheTwoDaysIsKept() {
    cairn.clock().skipping(false);
    try {
      RunHandle<?> run = cairn.runs().trigger(SubscriptionTrial.class, new SubscriptionTrial.Trial("bo", 900));
      cairn.stub(SubscriptionTrial.class, "charge", trial -> "stubbed-payment");
      Eventually.until("the trial sleeps", Duration.ofSeconds(30), () -> status(run, "startTrial") == StepStatus.WAITING);
      cairn.clock().advance(Duration.ofDays(7));
      Eventually.until("the plan is awaited", Duration.ofSeconds(30), () -> status(run, "confirm") == StepStatus.WAITING);
      cairn.clock().advance(Duration.ofDays(1));
      cairn.runs().pushEvent("plan-bo", "yearly");
      assertEquals(new SubscriptionTrial.Outcome("bo", "stubbed-payment", "yearly"),
          run.result(SubscriptionTrial.Outcome.class, Duration.ofSeconds(30)));
    } finally {
      cairn.clock().skipping(true);
    }
  }

  private static StepStatus status(RunHandle<?> run, String step) {
    return run.get().step(step).map(view -> view.status()).orElse(null);
  }
}
