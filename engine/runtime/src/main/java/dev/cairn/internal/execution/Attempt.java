package dev.cairn.internal.execution;

import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One attempt running in this process (an engine node's slot or a worker's). Its end is reported exactly once, by
 * whoever gets there first: the runner (result, failure, suspension) or whoever takes it away (a cancellation, a
 * lost lease, the engine's timeout). Thread-safe: the report flag is atomic, the thread reference volatile.
 */
public final class Attempt {
  private final AssignedStep assigned;
  private final WorkflowDefinition workflow;
  private final StepDefinition step;
  private final String holder;
  private final long startedNanos = System.nanoTime();
  private final AtomicBoolean reported = new AtomicBoolean();
  private volatile Thread thread;
  private volatile Instant startBefore;

  /**
   * @param holder who holds the lease ("node/id" on an engine node); null on a worker, where the engine knows it
   */
  public Attempt(AssignedStep assigned, WorkflowDefinition workflow, String holder) {
    this.assigned = assigned;
    this.workflow = workflow;
    this.step = workflow.step(assigned.stepName());
    this.holder = holder;
  }

  public AssignedStep assigned() {
    return assigned;
  }

  public WorkflowDefinition workflow() {
    return workflow;
  }

  public StepDefinition step() {
    return step;
  }

  public AttemptId ref() {
    return new AttemptId(assigned.stepId(), assigned.runId(), assigned.attempt(), holder);
  }

  /** Nanoseconds (monotonic) when this process took the attempt. */
  public long startedNanos() {
    return startedNanos;
  }

  /** The attempt must not start at or after {@code instant} (the end of the lease it was assigned with). */
  public void startBefore(Instant instant) {
    this.startBefore = instant;
  }

  /** Whether the lease the attempt was assigned with ran out before it started. */
  boolean tooLateToStart(Instant now) {
    Instant limit = startBefore;
    return limit != null && !now.isBefore(limit);
  }

  /** Claims the right to report the attempt's end; true for the first caller only. */
  public boolean claimReport() {
    return reported.compareAndSet(false, true);
  }

  public boolean isReported() {
    return reported.get();
  }

  void bindThread(Thread running) {
    this.thread = running;
  }

  /** Interrupts the thread running the attempt, if one is. */
  public void interrupt() {
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
  }

  @Override
  public String toString() {
    return assigned.workflowName() + "/" + assigned.stepName() + " of run " + assigned.runId() + " attempt "
        + assigned.attempt();
  }
}
