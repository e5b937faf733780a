package dev.cairn.internal.completion;

import dev.cairn.RunStatus;
import dev.cairn.StepStatus;
import dev.cairn.db.StepRow;
import java.util.List;

/**
 * What a run's steps say about the run, decided under the run's lock after a batch of step transitions.
 *
 * @param queueOnFailure queue the on-failure step (and skip the steps that will not run now)
 * @param skipUnfinished skip the run's pending and queued steps
 * @param finalStatus the status the run ends with, or null while it goes on
 * @param error why the run failed, or null
 */
record RunVerdict(boolean queueOnFailure, boolean skipUnfinished, RunStatus finalStatus, String error) {
  static final RunVerdict GOES_ON = new RunVerdict(false, false, null, null);
  /** Every step succeeded or was skipped. */
  static final RunVerdict SUCCEEDED = new RunVerdict(false, false, RunStatus.SUCCEEDED, null);

  /** Decides from all step rows of one run. */
  static RunVerdict of(List<StepRow> steps) {
    StepRow failed = null;
    StepRow onFailure = null;
    boolean allDone = true;
    boolean anyToSkip = false;
    for (StepRow step : steps) {
      StepStatus status = StepStatus.valueOf(step.status());
      anyToSkip |= status == StepStatus.PENDING || status == StepStatus.QUEUED;
      if (step.onFailure()) {
        onFailure = step;
      } else if (status == StepStatus.FAILED && failed == null) {
        failed = step;
      } else if (status != StepStatus.SUCCEEDED && status != StepStatus.SKIPPED) {
        allDone = false;
      }
    }
    if (failed != null) {
      if (onFailure != null && StepStatus.valueOf(onFailure.status()) == StepStatus.PENDING) {
        return new RunVerdict(true, true, null, null);
      }
      if (onFailure != null && !StepStatus.valueOf(onFailure.status()).isFinal()) {
        return GOES_ON;
      }
      return new RunVerdict(false, anyToSkip, RunStatus.FAILED, describe(failed));
    }
    return allDone ? new RunVerdict(false, anyToSkip, RunStatus.SUCCEEDED, null) : GOES_ON;
  }

  private static String describe(StepRow failed) {
    String attempts = failed.failures() == 0 ? "" : " after " + failed.failures()
        + (failed.failures() == 1 ? " attempt" : " attempts");
    return "step '" + failed.stepName() + "' failed" + attempts + ": " + failed.error();
  }
}
