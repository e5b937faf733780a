package dev.cairn;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A run with its steps, as stored when it was read. Immutable; outputs are decoded on request.
 */
public final class RunView {
  private final UUID id;
  private final String workflowName;
  private final RunStatus status;
  private final Map<String, String> metadata;
  private final String error;
  private final Instant createdAt;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final Instant startAt;
  private final List<StepView> steps;
  private final String terminalStep;
  private final OutputDecoder decoder;

  /** Turns stored JSON into a Java type; supplied by the engine. */
  public interface OutputDecoder {
    <T> T decode(String json, Type type);
  }

  /**
   * Built by the engine.
   *
   * @param terminalStep the workflow's single terminal step (whose output is the run's output), or null when it
   *     has several
   * @param startAt when a delayed run becomes due, or null for a run triggered to start at once
   */
  public RunView(UUID id, String workflowName, RunStatus status, Map<String, String> metadata, String error,
      Instant createdAt, Instant startedAt, Instant finishedAt, Instant startAt, List<StepView> steps,
      String terminalStep, OutputDecoder decoder) {
    this.id = id;
    this.workflowName = workflowName;
    this.status = status;
    this.metadata = Map.copyOf(metadata);
    this.error = error;
    this.createdAt = createdAt;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.startAt = startAt;
    this.steps = List.copyOf(steps);
    this.terminalStep = terminalStep;
    this.decoder = decoder;
  }

  public UUID id() {
    return id;
  }

  public String workflowName() {
    return workflowName;
  }

  public RunStatus status() {
    return status;
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  /** Why the run failed, naming the step and the cause; null unless FAILED or CANCELLED. */
  public String error() {
    return error;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Null until a step started. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Null until the run is final. */
  public Instant finishedAt() {
    return finishedAt;
  }

  /**
   * When a delayed run ({@link TriggerOptions.Builder#runAt}) becomes due: until then it is QUEUED and holds no slot.
   * Null for a run triggered to start at once.
   */
  public Instant startAt() {
    return startAt;
  }

  /** The steps in definition order. */
  public List<StepView> steps() {
    return steps;
  }

  public Optional<StepView> step(String name) {
    return steps.stream().filter(step -> step.name().equals(name)).findFirst();
  }

  /**
   * The checkpointed output of step {@code name} as {@code type}.
   *
   * @throws IllegalArgumentException if the run has no such step
   * @throws IllegalStateException if the step has not succeeded
   */
  public <T> T output(String name, Class<T> type) {
    return output(name, (Type) type);
  }

  /** The workflow's single terminal step, whose output is the run's output; null when it has several. */
  public String terminalStep() {
    return terminalStep;
  }

  /**
   * The run's output: its single terminal step's output, as {@code type}.
   *
   * @throws RunFailedException if the run failed or was cancelled
   * @throws IllegalStateException if the run is not finished, or the workflow has several terminal steps
   */
  public <T> T result(Class<T> type) {
    if (status == RunStatus.FAILED || status == RunStatus.CANCELLED) {
      throw new RunFailedException(id, status, error);
    }
    if (status != RunStatus.SUCCEEDED) {
      throw new IllegalStateException("run " + id + " is " + status + ", not finished");
    }
    if (terminalStep == null) {
      throw new IllegalStateException("workflow " + workflowName + " has several terminal steps; read one with"
          + " RunView.output(step, type)");
    }
    return output(terminalStep, type);
  }

  /** As {@link #output(String, Class)}, for generic types. */
  public <T> T output(String name, Type type) {
    StepView step = step(name).orElseThrow(
        () -> new IllegalArgumentException("run " + id + " of " + workflowName + " has no step '" + name + "'"));
    if (step.status() != StepStatus.SUCCEEDED) {
      throw new IllegalStateException("step '" + name + "' of run " + id + " is " + step.status() + ", not SUCCEEDED");
    }
    return decoder.decode(step.outputJson(), type);
  }
}
