package dev.cairn.internal.completion;

import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.Wait;
import java.util.UUID;

/** Something that happened to a step attempt (or a run) and must be written by the {@link Completer}. */
public sealed interface StepOutcome {
  UUID runId();

  /**
   * An attempt returned; its output is to be checkpointed.
   *
   * @param endsRun the step is the one terminal step of its workflow as this node defines it, which every other step
   *     precedes, and the workflow has no on-failure step and no flow control: its success should end its run, and
   *     the completion is written ending it at once (the database checks that it did)
   */
  record Succeeded(AttemptId attempt, String outputJson, boolean endsRun) implements StepOutcome {
    public Succeeded(AttemptId attempt, String outputJson) {
      this(attempt, outputJson, false);
    }

    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /**
   * An attempt failed.
   *
   * @param retryDelayMillis the backoff before the next attempt, or null when the step fails for good
   * @param timedOut the attempt ran past its execution timeout
   */
  record Failed(AttemptId attempt, String error, boolean timedOut, Long retryDelayMillis) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** A sweeper found the attempt's lease expired. */
  record LeaseExpired(AttemptId attempt) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** A sweeper found the step queued past its schedule deadline. */
  record ScheduleExpired(AttemptId attempt) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** The node shuts down and hands the running attempt back to the queue. */
  record Released(AttemptId attempt) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** A progress event from a running attempt. */
  record Emitted(AttemptId attempt, String stepName, String type, String payloadJson) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** The reconciler found the run unfinished with nothing left to move it: decide its status. */
  record Reconcile(UUID runId) implements StepOutcome {}

  /** The attempt must wait (children, a sleep, an event): make the step WAITING. */
  record Suspended(AttemptId attempt, Wait suspension) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** Something a WAITING step may wait for happened: queue it if its wait is over. */
  record Wake(long stepId, UUID runId) implements StepOutcome {}

  /**
   * Cancel the run, its unfinished steps and its unfinished child runs, for {@code reason} (its error). Accepted if
   * the run was unfinished.
   */
  record Cancel(UUID runId, String reason) implements StepOutcome {
    /** A cancel asked for by a caller. */
    public Cancel(UUID runId) {
      this(runId, "cancelled");
    }
  }

  /**
   * A queued step waits although it could run: record why (its view) and log {@code eventType} once per episode.
   * Accepted if the step was still queued with no reason shown.
   */
  record Blocked(long stepId, UUID runId, int attempt, String reason, String eventType, String payloadJson)
      implements StepOutcome {}

  /** Run the failed or cancelled run again from its failed and cancelled steps. Accepted if it was replayed. */
  record Replay(UUID runId) implements StepOutcome {}
}
