package dev.cairn;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * Events from an attempt that is no longer current are dropped, and so are events a resumed invocation emits
   * before it has passed the durable operations recorded by earlier invocations (they were emitted already).
   */
  void emit(String type, Object payload);

  /**
   * Writes a line to the log for this attempt, at INFO, prefixed with the run, step and attempt. On a remote
   * worker the line also travels to the engine, which logs it with the worker's id.
   */
  void log(String message);

  /** Pushes this attempt's execution deadline later by {@code extra}. */
  void extendTimeout(Duration extra);

  // Durable operations. A step that must wait (for children, a sleep or an event) is suspended: it becomes
  // WAITING, holds no slot, and when the wait is over its method is invoked again from the start. On that new
  // invocation every durable operation it already performed returns its recorded result instead of acting
  // again, in the order they were first called; an operation of another kind or other arguments in the same
  // position fails the step with an error saying where the path differs. So: call these in a deterministic
  // order, keep side effects before them idempotent, and never catch Throwable around them (the suspension
  // travels as an Error).

  /** Starts one child run (see {@link #startChildren}). */
  ChildHandle startChild(String workflowName, String key, Object input);

  /**
   * Starts child runs of {@code workflowName} in one transaction. A child is identified by this step and its key:
   * starting a key again (after a retry, a crash, a replay or a resume) returns the existing child. Children
   * inherit the run's metadata.
   */
  List<ChildHandle> startChildren(String workflowName, List<ChildSpec> children);

  /** Waits for one child and returns its output (see {@link #awaitChildren}). */
  <T> T awaitChild(ChildHandle child, Class<T> outputType);

  /**
   * Returns the children's outputs (the output of each child workflow's terminal step) in the order given, once
   * every one of them is final; until then the step is suspended.
   *
   * @throws ChildRunFailedException if a child failed or was cancelled
   */
  <T> List<T> awaitChildren(List<ChildHandle> children, Class<T> outputType);

  /** Starts the children and waits for their outputs: {@link #startChildren} then {@link #awaitChildren}. */
  <T> List<T> runChildren(String workflowName, List<ChildSpec> children, Class<T> outputType);

  /**
   * Starts one child of a typed workflow reference and waits for its output (see {@link #runChildren}): the name
   * cannot be mistyped and the output comes back as the reference's type.
   */
  default <I, O> O runChild(WorkflowRef<I, O> workflow, String key, I input) {
    return awaitChild(startChild(workflow.name(), key, input), workflow.outputType());
  }

  /** Starts children of a typed workflow reference and waits for their outputs, in the order given. */
  default <I, O> List<O> runChildren(WorkflowRef<I, O> workflow, List<ChildSpec> children) {
    return runChildren(workflow.name(), children, workflow.outputType());
  }

  /** Starts one child of an annotated workflow class (see {@link #startChildren}). */
  default ChildHandle startChild(Class<?> workflowClass, String key, Object input) {
    return startChild(WorkflowRef.nameOf(workflowClass), key, input);
  }

  /** A durable sleep: the step is suspended (WAITING, no slot) and resumes after {@code duration}, restarts included. */
  void sleep(Duration duration);

  /**
   * Waits for an event pushed with {@link Cairn#pushEvent} under {@code key}, suspending the step until it comes or
   * {@code timeout} passes. An event pushed up to the engine's event lookback (default 60 s) before the wait was
   * first registered counts too, so a push that races ahead of the wait is not lost.
   *
   * @return the first matching event's payload, or empty if none came within the timeout
   */
  <T> Optional<T> waitForEvent(String key, Duration timeout, Class<T> payloadType);
}
