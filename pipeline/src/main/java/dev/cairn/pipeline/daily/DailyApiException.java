package dev.cairn.pipeline.daily;

/** Daily answered with an error or something that could not be read. */
public final class DailyApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public DailyApiException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** HTTP status, or 0 when the call never got an answer. */
  public int status() {
    return status;
  }
}
