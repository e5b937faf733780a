package dev.cairn.pipeline.daily;

/** Daily answered with an error or something that could not be read; the message names the call and why. */
public final class DailyApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public DailyApiException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** For failures with an underlying exception (network trouble, interrupts): {@code status} is then usually 0. */
  public DailyApiException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** HTTP status, or 0 when the call never got an answer. */
  public int status() {
    return status;
  }
}
