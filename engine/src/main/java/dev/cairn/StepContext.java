package dev.cairn;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * What a running step attempt knows about itself and can do. Valid only during the attempt, on its thread.
 */
public interface StepContext {
  /** The run this attempt belongs to. */
  UUID runId();

  /** The workflow's name. */
  String workflowName();

  /** This step's name. */
  String stepName();

  /** This attempt's number, 1 for the first; leases taken back by the engine count too. */
  int attempt();

  /** How many earlier attempts of this step failed in user code (0 on the first try). */
  int previousFailures();

  /** The run's metadata (string key/values given at trigger time), never null. */
  Map<String, String> metadata();

  /**
   * Appends a progress event to the run's event log. {@code type} must not start with {@code RUN_} or
   * {@code STEP_} (those are the engine's lifecycle events). The payload is stored as JSON; null is allowed.
   * Events from an attempt that is no longer current are dropped.
   */
  void emit(String type, Object payload);

  /** Pushes this attempt's execution deadline later by {@code extra}. */
  void extendTimeout(Duration extra);
}
