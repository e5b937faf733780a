package dev.cairn.internal.runs;

import dev.cairn.RunStatus;
import dev.cairn.internal.tracing.SpanNames;
import dev.cairn.internal.tracing.TraceParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The spans of the runs this node triggers. A run's span starts at its trigger, as a child of the caller's current
 * context (a span of the application, a trace context received over gRPC, or the step attempt that starts child
 * runs); its traceparent is stored with the run, so the spans of its step attempts continue it wherever they run.
 * The span ends when the run ends: told by this node's completer, or by another node's notification (then the
 * run's status is read on a thread of its own). A run whose node stops first has its span ended at the stop, marked
 * {@code cairn.outcome=unknown}; the most recent {@link #MAX_OPEN} are kept open, an older one is ended the same
 * way. Runs the tracer does not record (no SDK, or not sampled) cost a span context and nothing more. Thread-safe.
 */
public final class RunSpans implements AutoCloseable {
  /** Most run spans kept open. */
  static final int MAX_OPEN = 10_000;

  private final Tracer tracer;
  private final Function<UUID, Optional<RunStatus>> statusOf;
  private final Map<UUID, Span> open = new LinkedHashMap<>();
  private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "cairn-run-spans");
    thread.setDaemon(true);
    return thread;
  });

  /** @param statusOf reads a run's status (for runs another node finished) */
  public RunSpans(OpenTelemetry openTelemetry, Function<UUID, Optional<RunStatus>> statusOf) {
    this.tracer = openTelemetry.getTracer(SpanNames.SCOPE);
    this.statusOf = statusOf;
  }

  /** Spans for the runs of one trigger, under the context current now. */
  public Starting starting() {
    return new Starting(Context.current());
  }

  /** The spans of one trigger's runs, until the insert commits (or fails). Not thread-safe. */
  public final class Starting {
    private final Context parent;
    private final Map<UUID, Span> started = new HashMap<>();
    private boolean committed;

    private Starting(Context parent) {
      this.parent = parent;
    }

    /** Starts the span of a run about to be inserted; returns its traceparent, null when there is no trace. */
    public String start(UUID runId, String workflowName, UUID parentRunId) {
      var builder = tracer.spanBuilder("cairn.run " + workflowName).setParent(parent).setSpanKind(SpanKind.INTERNAL)
          .setAttribute(SpanNames.RUN_ID, runId.toString())
          .setAttribute(SpanNames.WORKFLOW, workflowName);
      if (parentRunId != null) {
        builder.setAttribute(SpanNames.PARENT_RUN_ID, parentRunId.toString());
      }
      Span span = builder.startSpan();
      if (span.isRecording()) {
        started.put(runId, span);
      }
      return TraceParents.of(span.getSpanContext());
    }

    /** The insert committed: the spans of inserted runs stay open; the others (existing runs) end now. */
    public void inserted(Set<UUID> inserted) {
      committed = true;
      List<Span> ended = new ArrayList<>();
      synchronized (open) {
        started.forEach((id, span) -> {
          if (inserted.contains(id)) {
            open.put(id, span);
          } else {
            ended.add(span);
          }
        });
        while (open.size() > MAX_OPEN) {
          UUID eldest = open.keySet().iterator().next();
          endUnknown(open.remove(eldest), "more than " + MAX_OPEN + " run spans were open on this node");
        }
      }
      ended.forEach(span -> {
        span.setAttribute(SpanNames.OUTCOME, "existing");
        span.end();
      });
    }

    /** The trigger failed: if before its insert committed, nothing was started (after it, the runs go on). */
    public void failed(Throwable error) {
      if (committed) {
        return;
      }
      started.values().forEach(span -> {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, "the trigger failed");
        span.end();
      });
    }
  }

  /** Runs this node's completer finished. */
  public void finished(Map<UUID, RunStatus> runs) {
    runs.forEach((id, status) -> {
      Span span;
      synchronized (open) {
        span = open.remove(id);
      }
      if (span != null) {
        end(span, status);
      }
    });
  }

  /** Runs that ended (on any node, as a notification says): their status is read off the notifying thread. */
  public void finishedElsewhere(Collection<UUID> runIds) {
    List<UUID> ours = new ArrayList<>();
    synchronized (open) {
      runIds.stream().filter(open::containsKey).forEach(ours::add);
    }
    if (!ours.isEmpty()) {
      reader.execute(() -> ours.forEach(id -> statusOf.apply(id).filter(RunStatus::isFinal)
          .ifPresent(status -> finished(Map.of(id, status)))));
    }
  }

  private static void end(Span span, RunStatus status) {
    span.setAttribute(SpanNames.OUTCOME, status.name().toLowerCase(java.util.Locale.ROOT));
    if (status == RunStatus.FAILED) {
      span.setStatus(StatusCode.ERROR, "the run failed");
    }
    span.end();
  }

  private static void endUnknown(Span span, String why) {
    span.setAttribute(SpanNames.OUTCOME, "unknown");
    span.addEvent("ended before the run: " + why);
    span.end();
  }

  /** Ends the spans of runs still going: their end is not known here. */
  @Override
  public void close() {
    reader.shutdownNow();
    List<Span> left;
    synchronized (open) {
      left = new ArrayList<>(open.values());
      open.clear();
    }
    left.forEach(span -> endUnknown(span, "the node stopped"));
  }
}
