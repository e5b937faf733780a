package dev.cairn.internal.maintenance;

import dev.cairn.CairnListener;
import dev.cairn.db.BlockedStep;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.execution.EventTypes;
import dev.cairn.internal.service.BackgroundLoop;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Says why queued steps wait although they could run: a concurrency key that is full, a rate limit that is spent,
 * required worker labels no worker connected to this node has. Each such step gets a reason in its view and one
 * event in its run's log per waiting episode (the claim clears the reason when it leases the step), and is
 * counted in the {@code cairn.steps.blocked} meter. Runs every poll interval, backing off to eight while no step
 * is blocked.
 */
public final class FlowSweep extends BackgroundLoop {
  /** How long a step must have waited before it is said to be held back (a claim takes most steps sooner). */
  static final long AFTER_MILLIS = 250;
  private static final int BATCH = 500;

  private final Store store;
  private final OutcomeSink completer;
  private final PayloadCodec codec;
  private final Supplier<Set<String>> labelSignaturesMet;
  private final CairnListener listener;

  public FlowSweep(Store store, OutcomeSink completer, PayloadCodec codec, Supplier<Set<String>> labelSignaturesMet,
      CairnListener listener, Duration interval) {
    super("cairn-flow-sweep", interval, 8);
    this.store = store;
    this.completer = completer;
    this.codec = codec;
    this.labelSignaturesMet = labelSignaturesMet;
    this.listener = listener;
  }

  @Override
  public void runOnce() {
    Set<String> met = null;
    for (BlockedStep step : store.flow().blockedSteps(AFTER_MILLIS, BATCH)) {
      foundWork();
      if (step.kind() == null) {
        met = met != null ? met : labelSignaturesMet.get();
        if (!met.contains(step.labelSig())) {
          submit(step, "labels", step.labelSig(), EventTypes.STEP_WAITING_FOR_WORKER,
              "no worker connected to this node has the labels it requires: " + step.labelSig(),
              Map.of("labels", step.labelSig()));
        }
      } else if ("CONCURRENCY".equals(step.kind())) { // the query returns only steps of full keys
        submit(step, "concurrency", step.rule(), EventTypes.STEP_CONCURRENCY_QUEUED, "waiting for concurrency limit "
            + step.rule() + keyText(step) + ": " + step.inFlight() + " of " + step.maxUnits() + " held",
            Map.of("rule", step.rule(), "key", step.key()));
      } else {
        String limit = step.rule().substring("rate:".length());
        submit(step, "rate", step.rule(), EventTypes.STEP_THROTTLED, "throttled by rate limit " + limit
            + keyText(step) + ": " + step.maxUnits() + " units per " + Duration.ofMillis(step.periodMs()),
            Map.of("rule", step.rule(), "key", step.key()));
      }
    }
  }

  private static String keyText(BlockedStep step) {
    return step.key().isEmpty() ? "" : " key '" + step.key() + "'";
  }

  private void submit(BlockedStep step, String kind, String rule, String eventType, String reason,
      Map<String, String> details) {
    Map<String, String> payload = new LinkedHashMap<>(details);
    payload.put("reason", reason);
    completer.submit(new StepOutcome.Blocked(step.id(), step.runId(), step.attempt(), reason, eventType,
        codec.encode(payload))).whenComplete((accepted, error) -> {
          if (error == null && accepted) {
            listener.stepsBlocked(kind, rule, 1);
          }
        });
  }
}
