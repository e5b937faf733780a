package dev.cairn.internal.execution;



/**
 * Thrown through user code to suspend the running step; an Error so that {@code catch (Exception e)} lets it
 * pass. Carries no stack trace: it is control flow, not a failure.
 */
public final class StepSuspended extends Error {
  private static final long serialVersionUID = 1L;
  private final transient Wait suspension;

  public StepSuspended(Wait suspension) {
    super("step suspended: " + suspension.kind(), null, false, false);
    this.suspension = suspension;
  }

  public Wait suspension() {
    return suspension;
  }
}
