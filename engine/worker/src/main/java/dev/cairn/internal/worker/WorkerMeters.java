package dev.cairn.internal.worker;

import dev.cairn.StepInterceptor;
import dev.cairn.internal.execution.StepSuspended;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's meters: {@code cairn.worker.slots} and {@code cairn.worker.slots.busy} (gauges),
 * {@code cairn.worker.steps} (counter) and {@code cairn.worker.step.duration} (timer), both tagged by workflow, step
 * and outcome (succeeded, failed or suspended: the step waits on children, a sleep or an event), and
 * {@code cairn.worker.reconnects} (attempts to open the stream again after it was lost). Steps are measured as the outermost
 * interceptor, so the time of the other interceptors counts. Thread-safe.
 */
public final class WorkerMeters implements StepInterceptor {
  private final MeterRegistry registry;
  private final AtomicInteger busy = new AtomicInteger();
  private final Counter reconnects;

  public WorkerMeters(MeterRegistry registry, int slots) {
    this.registry = registry;
    this.reconnects = Counter.builder("cairn.worker.reconnects")
        .description("attempts to open the stream again after it was lost or the engine unreachable")
        .register(registry);
    Gauge.builder("cairn.worker.slots", () -> slots).description("steps this worker runs at once")
        .register(registry);
    Gauge.builder("cairn.worker.slots.busy", busy, AtomicInteger::get).description("slots running a step now")
        .strongReference(true).register(registry);
  }

  /** The worker opened a stream again after losing one. */
  void reconnected() {
    reconnects.increment();
  }

  @Override
  public Object intercept(Invocation invocation) throws Exception {
    busy.incrementAndGet();
    long began = System.nanoTime();
    String outcome = "failed";
    try {
      Object output = invocation.proceed();
      outcome = "succeeded";
      return output;
    } catch (StepSuspended suspended) {
      outcome = "suspended";
      throw suspended;
    } finally {
      busy.decrementAndGet();
      String[] tags = {"workflow", invocation.workflowName(), "step", invocation.stepName(), "outcome", outcome};
      registry.counter("cairn.worker.steps", tags).increment();
      Timer.builder("cairn.worker.step.duration").tags(tags).register(registry)
          .record(Duration.ofNanos(System.nanoTime() - began));
    }
  }
}
