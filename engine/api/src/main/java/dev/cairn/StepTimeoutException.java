package dev.cairn;

/** Recorded as the failure of an attempt that ran past its execution timeout. */
public final class StepTimeoutException extends CairnException {
  private static final long serialVersionUID = 1L;

  public StepTimeoutException(String message) {
    super(message);
  }
}
