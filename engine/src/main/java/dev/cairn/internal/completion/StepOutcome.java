package dev.cairn.internal.completion;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.StepSuspension;
import java.util.UUID;

/** Something that happened to a step attempt (or a run) and must be written by the {@link Completer}. */
public sealed interface StepOutcome {
  UUID runId();

  /** An attempt returned; its output is to be checkpointed. */
  record Succeeded(AttemptRef attempt, String outputJson) implements StepOutcome {
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
  record Failed(AttemptRef attempt, String error, boolean timedOut, Long retryDelayMillis) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** A sweeper found the attempt's lease expired. */
  record LeaseExpired(AttemptRef attempt) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** A sweeper found the step queued past its schedule deadline. */
  record ScheduleExpired(AttemptRef attempt) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** The node shuts down and hands the running attempt back to the queue. */
  record Released(AttemptRef attempt) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** A progress event from a running attempt. */
  record Emitted(AttemptRef attempt, String stepName, String type, String payloadJson) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** The reconciler found the run unfinished with nothing left to move it: decide its status. */
  record Reconcile(UUID runId) implements StepOutcome {}

  /** The attempt must wait (children, a sleep, an event): make the step WAITING. */
  record Suspended(AttemptRef attempt, StepSuspension suspension) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** Something a WAITING step may wait for happened: queue it if its wait is over. */
  record Wake(long stepId, UUID runId) implements StepOutcome {}

  /**
   * A running attempt pushed its execution deadline later. Nothing to write; a remote worker forwards it to the
   * engine, which times remote attempts.
   */
  record TimeoutExtended(AttemptRef attempt, long extraMillis) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** A log line from a running attempt. Nothing to write; a remote worker forwards it to the engine. */
  record Logged(AttemptRef attempt, String message) implements StepOutcome {
    @Override
    public UUID runId() {
      return attempt.runId();
    }
  }

  /** Cancel the run, its unfinished steps and its unfinished child runs. Accepted if the run was unfinished. */
  record Cancel(UUID runId) implements StepOutcome {}

  /** Run the failed or cancelled run again from its failed and cancelled steps. Accepted if it was replayed. */
  record Replay(UUID runId) implements StepOutcome {}
}
