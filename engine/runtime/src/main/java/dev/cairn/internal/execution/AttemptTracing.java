package dev.cairn.internal.execution;

import static dev.cairn.internal.tracing.SpanNames.ATTEMPT;
import static dev.cairn.internal.tracing.SpanNames.OUTCOME;
import static dev.cairn.internal.tracing.SpanNames.RUN_ID;
import static dev.cairn.internal.tracing.SpanNames.STEP;
import static dev.cairn.internal.tracing.SpanNames.WORKER;
import static dev.cairn.internal.tracing.SpanNames.WORKFLOW;

import dev.cairn.internal.tracing.SpanNames;
import dev.cairn.internal.tracing.TraceParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * The span and log context of step attempts, the same on an engine node and a remote worker. An attempt's span
 * continues its run's trace (the run's traceparent), is current while the step method runs (so child runs a step
 * starts, and the application's own spans, nest under it), and ends with the attempt's outcome. Thread-safe.
 */
public final class AttemptTracing {
  /** The MDC keys set while a step runs (the span attributes' names). */
  static final String[] MDC_KEYS = {RUN_ID.getKey(), WORKFLOW.getKey(), STEP.getKey(), ATTEMPT.getKey()};

  private final Tracer tracer;
  private final String worker;

  /** @param worker who runs the attempts: an engine node's id or a worker's id */
  public AttemptTracing(OpenTelemetry openTelemetry, String worker) {
    this.tracer = openTelemetry.getTracer(SpanNames.SCOPE);
    this.worker = worker;
  }

  /** Starts the attempt's span, makes it current and fills the MDC on this thread until the scope is closed. */
  public AttemptScope enter(AssignedStep step) {
    Span span = tracer.spanBuilder("cairn.step " + step.workflowName() + "." + step.stepName())
        .setParent(TraceParents.parse(step.traceParent()))
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(RUN_ID, step.runId().toString())
        .setAttribute(WORKFLOW, step.workflowName())
        .setAttribute(STEP, step.stepName())
        .setAttribute(ATTEMPT, (long) step.attempt())
        .setAttribute(WORKER, worker)
        .startSpan();
    MDC.put(RUN_ID.getKey(), step.runId().toString());
    MDC.put(WORKFLOW.getKey(), step.workflowName());
    MDC.put(STEP.getKey(), step.stepName());
    MDC.put(ATTEMPT.getKey(), Integer.toString(step.attempt()));
    return new AttemptScope(span, span.makeCurrent());
  }

  /** One attempt's span, current on the thread that runs it. */
  public static final class AttemptScope implements AutoCloseable {
    private final Span span;
    private final Scope scope;

    private AttemptScope(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }

    /** How the attempt ended: succeeded, suspended (it waits) or not started. */
    public void ended(String outcome) {
      span.setAttribute(OUTCOME, outcome);
    }

    /** The attempt failed with {@code error}; {@code description} is the failure as stored. */
    public void failed(Throwable error, String description) {
      span.setAttribute(OUTCOME, "failed");
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, description);
    }

    @Override
    public void close() {
      for (String key : MDC_KEYS) {
        MDC.remove(key);
      }
      scope.close();
      span.end();
    }
  }
}
