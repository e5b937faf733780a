package dev.cairn.pipeline.summary;

/**
 * The language model failed or kept answering something unusable. The message names the endpoint status, the schema
 * or the validation errors; it never contains the API key.
 */
public final class SummaryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SummaryException(String message) {
    super(message);
  }

  public SummaryException(String message, Throwable cause) {
    super(message, cause);
  }
}
