package dev.cairn.internal.metrics;

import dev.cairn.CairnClock;
import dev.cairn.CairnListener;
import dev.cairn.RunStatus;
import dev.cairn.db.GaugeRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records the engine's meters:
 * {@code cairn.steps.queued|started|succeeded|failed|retried} (counters, tagged by workflow and step where known),
 * {@code cairn.step.queue.latency} (queued to started), {@code cairn.step.duration}, {@code cairn.leases.expired},
 * {@code cairn.runs.finished} (tagged by workflow and status), {@code cairn.steps.blocked} (steps held back by flow
 * control, tagged by kind: concurrency, rate or labels, and rule; once per waiting episode), the claim and completion
 * batches ({@code cairn.dequeue.batch.size|duration}, {@code cairn.completion.batch.size|duration}), the gauge
 * {@code cairn.slots.free}, and the SQL gauges of {@link QueueGauges} ({@code cairn.queue.depth},
 * {@code cairn.queue.oldest.age}, {@code cairn.runs.unfinished}). Names follow Micrometer's conventions, so a
 * Prometheus registry exports them as {@code cairn_steps_started_total}, {@code cairn_step_duration_seconds} and so
 * on ({@code docs/metrics.md} lists every series). Thread-safe.
 */
public final class MicrometerListener implements CairnListener {
  private final MeterRegistry registry;
  private final Counter queued;
  private final Counter leasesExpired;
  private final DistributionSummary dequeueSize;
  private final Timer dequeueDuration;
  private final DistributionSummary completionSize;
  private final Timer completionDuration;
  private final QueueGauges queueGauges;

  /**
   * @param gauges the one read behind the SQL gauges (run lazily, at most every few seconds: see {@link QueueGauges})
   * @param clock the engine's clock, for the age of the oldest queued step
   * @param workflows this node's own workflows, whose queue gauges exist from the start
   */
  public MicrometerListener(MeterRegistry registry, Supplier<List<GaugeRow>> gauges, CairnClock clock,
      Collection<String> workflows, Supplier<Number> freeSlots) {
    this.registry = registry;
    this.queued = registry.counter("cairn.steps.queued");
    this.leasesExpired = registry.counter("cairn.leases.expired");
    this.dequeueSize = DistributionSummary.builder("cairn.dequeue.batch.size")
        .description("steps claimed per statement that claimed any (a dequeue, or a trigger's insert that leased its"
            + " runs' first steps)").register(registry);
    this.dequeueDuration = Timer.builder("cairn.dequeue.batch.duration")
        .description("time of statements that claimed steps").register(registry);
    this.completionSize = DistributionSummary.builder("cairn.completion.batch.size")
        .description("outcomes written per completion transaction").register(registry);
    this.completionDuration = Timer.builder("cairn.completion.batch.duration")
        .description("time of completion transactions").register(registry);
    this.queueGauges = new QueueGauges(registry, gauges, clock, System::nanoTime, workflows);
    Gauge.builder("cairn.slots.free", freeSlots, supplier -> supplier.get().doubleValue())
        .description("free worker slots on this node").strongReference(true).register(registry);
  }

  @Override
  public void stepsClaimed(int count, Duration took) {
    if (count > 0) {
      dequeueSize.record(count);
      dequeueDuration.record(took);
    }
  }

  @Override
  public void outcomesWritten(int count, Duration took) {
    completionSize.record(count);
    completionDuration.record(took);
  }

  @Override
  public void stepsQueued(int count) {
    queued.increment(count);
  }

  @Override
  public void stepsBlocked(String kind, String rule, int count) {
    registry.counter("cairn.steps.blocked", "kind", kind, "rule", rule).increment(count);
  }

  @Override
  public void stepStarted(String workflow, String step, Duration queuedFor) {
    registry.counter("cairn.steps.started", "workflow", workflow, "step", step).increment();
    Timer.builder("cairn.step.queue.latency").tags("workflow", workflow, "step", step).register(registry)
        .record(queuedFor.isNegative() ? Duration.ZERO : queuedFor);
  }

  @Override
  public void stepSucceeded(String workflow, String step, Duration ranFor) {
    registry.counter("cairn.steps.succeeded", "workflow", workflow, "step", step).increment();
    duration(workflow, step, "succeeded").record(ranFor);
  }

  @Override
  public void stepFailed(String workflow, String step, Duration ranFor, boolean willRetry) {
    registry.counter("cairn.steps.failed", "workflow", workflow, "step", step).increment();
    if (willRetry) {
      registry.counter("cairn.steps.retried", "workflow", workflow, "step", step).increment();
    }
    duration(workflow, step, "failed").record(ranFor);
  }

  @Override
  public void leaseExpired(UUID runId) {
    leasesExpired.increment();
  }

  @Override
  public void runFinished(String workflow, RunStatus status) {
    registry.counter("cairn.runs.finished", "workflow", workflow, "status", status.name()).increment();
  }

  private Timer duration(String workflow, String step, String outcome) {
    return Timer.builder("cairn.step.duration").tags("workflow", workflow, "step", step, "outcome", outcome)
        .register(registry);
  }
}
