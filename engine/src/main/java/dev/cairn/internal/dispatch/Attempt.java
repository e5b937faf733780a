package dev.cairn.internal.dispatch;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.ClaimedStep;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running attempt on this node. Its outcome is reported exactly once, by whoever gets there first: the
 * runner (result or failure), the timer (timeout) or the lease keeper (lease lost, nothing reported).
 * Thread-safe: the report flag is atomic, the timer fields are guarded by this object's monitor.
 */
final class Attempt {
  final ClaimedStep claimed;
  final WorkflowDefinition workflow;
  final StepDefinition step;
  /** Who holds the lease: "node/<id>" on an engine node; null on a remote worker (the engine knows its session). */
  final String holder;
  final long startedNanos = System.nanoTime();
  private final AtomicBoolean reported = new AtomicBoolean();
  private volatile Thread thread;
  /** The attempt must not start after this (its lease ran out before a slot took it); null: no limit. */
  private volatile Instant startBefore;
  long deadlineNanos;
  ScheduledFuture<?> timeout;

  Attempt(ClaimedStep claimed, WorkflowDefinition workflow, StepDefinition step, String holder) {
    this.claimed = claimed;
    this.workflow = workflow;
    this.step = step;
    this.holder = holder;
  }

  AttemptRef ref() {
    return new AttemptRef(claimed.id(), claimed.runId(), claimed.attempt(), holder);
  }

  /** The attempt must not start at or after {@code instant} (the end of the lease it was assigned with). */
  void startBefore(Instant instant) {
    this.startBefore = instant;
  }

  /** Whether the lease the attempt was assigned with ran out before it started. */
  boolean tooLateToStart(Instant now) {
    Instant limit = startBefore;
    return limit != null && !now.isBefore(limit);
  }

  /** Claims the right to report the outcome; true for the first caller only. */
  boolean claimReport() {
    return reported.compareAndSet(false, true);
  }

  boolean isReported() {
    return reported.get();
  }

  void bindThread(Thread running) {
    this.thread = running;
  }

  void interrupt() {
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
  }

  @Override
  public String toString() {
    return claimed.workflowName() + "/" + claimed.stepName() + " of run " + claimed.runId() + " attempt " + claimed.attempt();
  }
}
