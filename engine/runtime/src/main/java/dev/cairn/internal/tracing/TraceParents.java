package dev.cairn.internal.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/**
 * A span context as the text stored with a run and sent with an assignment: the W3C {@code traceparent} header
 * ({@code 00-<trace id>-<span id>-<flags>}). Text that does not parse is ignored (the trace context specification
 * says a receiver starts a new trace rather than fail), so a stored or received value can never break a run.
 * Stateless.
 */
public final class TraceParents {
  private static final String HEADER = "traceparent";
  private static final TextMapGetter<String> ONE_HEADER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(String carrier) {
      return List.of(HEADER);
    }

    @Override
    public String get(String carrier, String key) {
      return HEADER.equals(key) ? carrier : null;
    }
  };

  private TraceParents() {}

  /** The traceparent of {@code span}, or null when its context is invalid (not traced). */
  public static String of(SpanContext span) {
    if (!span.isValid()) {
      return null;
    }
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }

  /** A context whose span is the remote one {@code traceParent} names; the root context for null or bad text. */
  public static Context parse(String traceParent) {
    if (traceParent == null || traceParent.isEmpty()) {
      return Context.root();
    }
    Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceParent, ONE_HEADER);
    return Span.fromContext(context).getSpanContext().isValid() ? context : Context.root();
  }
}
