package dev.cairn;

import java.util.Locale;
import java.util.UUID;

/**
 * A child run the step waited for failed or was cancelled. A step may catch it; uncaught, it fails the step at
 * once (it is not retried: the child would fail the same way) with the child's run, step and cause in the error.
 */
public final class ChildRunFailedException extends NonRetryableException {
  private static final long serialVersionUID = 1L;
  private final UUID childRunId;
  private final String childKey;
  private final RunStatus childStatus;
  private final String childError;

  public ChildRunFailedException(UUID childRunId, String workflowName, String childKey, RunStatus childStatus,
      String childError) {
    super("child run " + childRunId + " (workflow " + workflowName + ", key '" + childKey + "') "
        + childStatus.name().toLowerCase(Locale.ROOT) + ": " + childError);
    this.childRunId = childRunId;
    this.childKey = childKey;
    this.childStatus = childStatus;
    this.childError = childError;
  }

  public UUID childRunId() {
    return childRunId;
  }

  public String childKey() {
    return childKey;
  }

  /** FAILED or CANCELLED. */
  public RunStatus childStatus() {
    return childStatus;
  }

  /** The child run's error: the failed step and its cause. */
  public String childError() {
    return childError;
  }
}
