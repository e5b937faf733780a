package dev.cairn;

/** The status of a step; see docs/state-machine.md for the transitions. */
public enum StepStatus {
  /** Waiting for its parents. */
  PENDING,
  /** Ready, waiting for a slot. */
  QUEUED,
  /** Leased to a worker slot. */
  RUNNING,
  /** Suspended (children, a sleep or an event); holds no slot. */
  WAITING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  /** Will not run: the run failed before its turn, or it is an on-failure step of a run that succeeded. */
  SKIPPED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == SKIPPED;
  }
}
