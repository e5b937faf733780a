package dev.cairn.internal.execution;

/** The engine's lifecycle event types. User events may not use the RUN_ and STEP_ prefixes. */
public final class EventTypes {
  public static final String RUN_QUEUED = "RUN_QUEUED";
  public static final String RUN_STARTED = "RUN_STARTED";
  public static final String RUN_SUCCEEDED = "RUN_SUCCEEDED";
  public static final String RUN_FAILED = "RUN_FAILED";
  public static final String RUN_CANCELLED = "RUN_CANCELLED";
  public static final String RUN_REPLAYED = "RUN_REPLAYED";
  public static final String STEP_QUEUED = "STEP_QUEUED";
  public static final String STEP_STARTED = "STEP_STARTED";
  public static final String STEP_SUCCEEDED = "STEP_SUCCEEDED";
  public static final String STEP_FAILED = "STEP_FAILED";
  public static final String STEP_RETRYING = "STEP_RETRYING";
  public static final String STEP_TIMED_OUT = "STEP_TIMED_OUT";
  public static final String STEP_LEASE_EXPIRED = "STEP_LEASE_EXPIRED";
  public static final String STEP_SKIPPED = "STEP_SKIPPED";
  public static final String STEP_WAITING = "STEP_WAITING";
  public static final String STEP_CANCELLED = "STEP_CANCELLED";
  /** A queued step waits for a concurrency limit's key (once per episode; payload: rule, key, reason). */
  public static final String STEP_CONCURRENCY_QUEUED = "STEP_CONCURRENCY_QUEUED";
  /** A queued step waits for a rate limit's units (once per episode; payload: rule, key, reason). */
  public static final String STEP_THROTTLED = "STEP_THROTTLED";
  /** A queued step waits for a worker with the labels it requires (once per episode; payload: labels, reason). */
  public static final String STEP_WAITING_FOR_WORKER = "STEP_WAITING_FOR_WORKER";

  /** Longest event type accepted from a step. */
  public static final int MAX_TYPE_LENGTH = 100;

  private EventTypes() {}

  /** True for the events that end a run (a replay may append more after one). */
  public static boolean endsRun(String type) {
    return type.equals(RUN_SUCCEEDED) || type.equals(RUN_FAILED) || type.equals(RUN_CANCELLED);
  }

  /** True for names reserved to the engine. */
  public static boolean isReserved(String type) {
    return type.startsWith("RUN_") || type.startsWith("STEP_");
  }
}
