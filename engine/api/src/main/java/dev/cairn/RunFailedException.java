package dev.cairn;

import java.util.Locale;
import java.util.UUID;

/** A run ended without a result: it failed or was cancelled. The message names the run, the step and the cause. */
public final class RunFailedException extends CairnException {
  private static final long serialVersionUID = 1L;
  private final UUID runId;
  private final RunStatus status;

  public RunFailedException(UUID runId, RunStatus status, String error) {
    super("run " + runId + " " + status.name().toLowerCase(Locale.ROOT) + ": " + error);
    this.runId = runId;
    this.status = status;
  }

  public UUID runId() {
    return runId;
  }

  public RunStatus status() {
    return status;
  }
}
