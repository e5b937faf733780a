package dev.cairn.examples;

import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import java.time.Duration;

/**
 * A workflow that lives in days, not milliseconds: a trial runs for a week, then the card is charged (the
 * payment provider may decline a few times, retried hourly), then the customer has two days to confirm the plan.
 * Its test (SubscriptionTrialTest) runs all of it in about a second with the test kit's clock.
 */
@Workflow(name = "subscription-trial")
public final class SubscriptionTrial {
  /** The payment provider, as the workflow sees it. */
  public interface Payments {
    /** Charges the customer; throws if the card is declined. */
    String charge(String customer, long cents);
  }

  public record Trial(String customer, long monthlyCents) {}

  public record Outcome(String customer, String payment, String plan) {}

  private final Payments payments;

  public SubscriptionTrial(Payments payments) {
    this.payments = payments;
  }

  @Step
  Trial startTrial(Trial trial, StepContext ctx) {
    ctx.emit("trial-started", trial.customer());
    ctx.sleep(Duration.ofDays(7));
    return trial;
  }

  @Step(retries = 3, backoff = "1h", maxBackoff = "1h", jitter = 0)
  String charge(@Parent("startTrial") Trial trial) {
    return payments.charge(trial.customer(), trial.monthlyCents());
  }

  @Step
  Outcome confirm(@Parent("startTrial") Trial trial, @Parent("charge") String payment, StepContext ctx) {
    String plan = ctx.waitForEvent("plan-" + trial.customer(), Duration.ofDays(2), String.class).orElse("monthly");
    return new Outcome(trial.customer(), payment, plan);
  }
}
