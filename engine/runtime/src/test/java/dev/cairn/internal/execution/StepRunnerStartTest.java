package dev.cairn.internal.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Step;
import dev.cairn.StepInterceptor;
import dev.cairn.Workflow;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.DefinitionScanner;
import dev.cairn.internal.definition.WorkflowDefinition;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Whether an attempt's body starts: never after its lease ran out, and never once the attempt was taken away, also
 * when the engine's cancellation lands between the runner's first look and the call (a worker paused with an
 * assignment and its cancellation in its socket reads both at once when it resumes).
 */
class StepRunnerStartTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final AtomicInteger BODIES = new AtomicInteger();

  @Workflow(name = "start-check")
  static final class Once {
    @Step
    int only(Integer input) {
      BODIES.incrementAndGet();
      return input;
    }
  }

  /** What the runner reported, in order. */
  private static final class Reports implements AttemptReports {
    final List<String> reported = new ArrayList<>();

    @Override
    public void succeeded(Attempt attempt, String outputJson) {
      reported.add("succeeded " + outputJson);
    }

    @Override
    public void failed(Attempt attempt, String error, boolean retryable) {
      reported.add("failed " + error);
    }

    @Override
    public void suspended(Attempt attempt, Wait wait) {
      reported.add("suspended");
    }

    @Override
    public void notStarted(Attempt attempt) {
      reported.add("not started");
    }

    @Override
    public void emitted(Attempt attempt, String type, String payloadJson) {}

    @Override
    public void logged(Attempt attempt, String message) {}

    @Override
    public void extended(Attempt attempt, Duration extra) {}
  }

  private final PayloadCodec codec = new PayloadCodec();
  private final WorkflowDefinition workflow = new DefinitionScanner(codec).scan(new Once());
  private final Reports reports = new Reports();

  private Attempt attempt(Instant leaseEnds) {
    Attempt attempt = new Attempt(new AssignedStep(1, UUID.randomUUID(), "start-check", "only", 1, 0, null, NOW,
        "7", "{}", null, null), workflow, null);
    attempt.startBefore(leaseEnds);
    return attempt;
  }

  private StepRunner runner(List<StepInterceptor> interceptors) {
    return runner(interceptors, () -> NOW);
  }

  private StepRunner runner(List<StepInterceptor> interceptors, Supplier<Instant> now) {
    return new StepRunner(reports, codec, null, interceptors, now,
        new AttemptTracing(OpenTelemetry.noop(), "test-worker"));
  }

  @Test
  void anAttemptWithItsLeaseRunsAndReportsItsOutput() {
    int before = BODIES.get();
    runner(List.of()).run(attempt(NOW.plusSeconds(2)));
    assertEquals(before + 1, BODIES.get());
    assertEquals(List.of("succeeded 7"), reports.reported);
  }

  @Test
  void anAttemptWhoseLeaseRanOutDoesNotStartAndIsReportedNotStarted() {
    int before = BODIES.get();
    runner(List.of()).run(attempt(NOW));
    assertEquals(before, BODIES.get(), "the body did not run");
    assertEquals(List.of("not started"), reports.reported);
  }

  @Test
  void aCancellationThatLandsAfterTheFirstLookStopsALateBodyFromStarting() {
    int before = BODIES.get();
    Attempt late = attempt(NOW.plusSeconds(1));
    // The process stands still between the runner's first look (lease left) and the call (lease gone), and the
    // engine's cancellation lands in between and claims the report, as the worker's stream thread does.
    Instant[] clock = {NOW};
    StepInterceptor pauseThenCancellation = invocation -> {
      clock[0] = NOW.plusSeconds(3);
      late.claimReport();
      return invocation.proceed();
    };
    runner(List.of(pauseThenCancellation), () -> clock[0]).run(late);
    assertEquals(before, BODIES.get(), "the late body did not start");
    assertEquals(List.of(), reports.reported, "whoever took it away reports it");
  }

  @Test
  void aCancelledAttemptWithTimeLeftDoesNotStartEither() {
    int before = BODIES.get();
    Attempt cancelled = attempt(NOW.plusSeconds(2));
    StepInterceptor cancellationArrives = invocation -> {
      cancelled.claimReport();
      return invocation.proceed();
    };
    runner(List.of(cancellationArrives)).run(cancelled);
    assertEquals(before, BODIES.get());
    assertEquals(List.of(), reports.reported);
  }
}
