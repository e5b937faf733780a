package dev.cairn.internal.tracing;

import io.opentelemetry.api.common.AttributeKey;

/** The instrumentation scope and attribute names of Cairn's spans (also the MDC keys of a running step). */
public final class SpanNames {
  /** The instrumentation scope of every span Cairn makes. */
  public static final String SCOPE = "dev.cairn";
  public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("cairn.run_id");
  public static final AttributeKey<String> PARENT_RUN_ID = AttributeKey.stringKey("cairn.parent_run_id");
  public static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("cairn.workflow");
  public static final AttributeKey<String> STEP = AttributeKey.stringKey("cairn.step");
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("cairn.attempt");
  public static final AttributeKey<String> WORKER = AttributeKey.stringKey("cairn.worker");
  /** How a run or an attempt ended. */
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cairn.outcome");

  private SpanNames() {}
}
