package dev.cairn.pipeline.notify;

/** A notification call failed; the message names the call and the status (never a credential). */
public final class NotifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public NotifyException(String message, int status) {
    super(message);
    this.status = status;
  }

  public NotifyException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** HTTP status, or 0 when the call never got an answer. */
  public int status() {
    return status;
  }
}
