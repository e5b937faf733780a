package dev.cairn.internal.metrics;

import dev.cairn.CairnListener;
import dev.cairn.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Records the engine's meters:
 * {@code cairn.steps.queued|started|succeeded|failed|retried} (counters, tagged by workflow and step where known),
 * {@code cairn.step.queue.latency} (queued to started), {@code cairn.step.duration}, {@code cairn.leases.expired},
 * {@code cairn.runs.finished} (tagged by status), {@code cairn.steps.blocked} (steps held back by flow control,
 * tagged by kind: concurrency, rate or labels, and rule; once per waiting episode), and the gauges {@code cairn.queue.depth} and
 * {@code cairn.slots.free}. Thread-safe.
 */
public final class MicrometerListener implements CairnListener {
  private final MeterRegistry registry;
  private final Counter queued;
  private final Counter leasesExpired;

  public MicrometerListener(MeterRegistry registry, Supplier<Number> queueDepth, Supplier<Number> freeSlots) {
    this.registry = registry;
    this.queued = registry.counter("cairn.steps.queued");
    this.leasesExpired = registry.counter("cairn.leases.expired");
    Gauge.builder("cairn.queue.depth", queueDepth, supplier -> supplier.get().doubleValue())
        .description("steps queued and waiting for a slot, across all nodes").strongReference(true).register(registry);
    Gauge.builder("cairn.slots.free", freeSlots, supplier -> supplier.get().doubleValue())
        .description("free worker slots on this node").strongReference(true).register(registry);
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
