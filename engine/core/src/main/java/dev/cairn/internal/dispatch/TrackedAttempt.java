package dev.cairn.internal.dispatch;

import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.execution.AssignedStep;
import dev.cairn.internal.execution.AttemptId;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An attempt the engine follows from its claim to its end, wherever it runs. Its end is decided once
 * ({@link #claimEnd()}): by its result, its timeout, a cancellation or a lost lease. Thread-safe: the end flag is
 * atomic; the deadline is guarded by this object's monitor.
 */
public final class TrackedAttempt {
  private final AttemptId ref;
  private final AssignedStep step;
  private final WorkflowDefinition workflow;
  private final SlotPool pool;
  private final Instant started;
  private final AtomicBoolean ended = new AtomicBoolean();
  private Instant deadline;

  TrackedAttempt(AttemptId ref, AssignedStep step, WorkflowDefinition workflow, SlotPool pool, Instant started) {
    this.ref = ref;
    this.step = step;
    this.workflow = workflow;
    this.pool = pool;
    this.started = started;
    this.deadline = started.plus(definition().timeout());
  }

  public AttemptId ref() {
    return ref;
  }

  public AssignedStep step() {
    return step;
  }

  public WorkflowDefinition workflow() {
    return workflow;
  }

  StepDefinition definition() {
    return workflow.step(step.stepName());
  }

  SlotPool pool() {
    return pool;
  }

  /** When the engine handed the attempt to its pool (by the engine's clock). */
  public Instant started() {
    return started;
  }

  /** Claims the right to decide how the attempt ended; true for the first caller only. */
  boolean claimEnd() {
    return ended.compareAndSet(false, true);
  }

  boolean hasEnded() {
    return ended.get();
  }

  synchronized Instant deadline() {
    return deadline;
  }

  /** Moves the deadline (the tracker's alarm times the attempt out once it has passed). */
  synchronized void deadline(Instant at) {
    this.deadline = at;
  }

  @Override
  public String toString() {
    return step.workflowName() + "/" + step.stepName() + " of run " + step.runId() + " attempt " + step.attempt()
        + " on " + pool.describe();
  }
}
