package dev.cairn.pipeline.transcription;

/** The transcription service failed or answered something unusable; the message names the service and why. */
public final class TranscriptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TranscriptionException(String message) {
    super(message);
  }

  public TranscriptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
