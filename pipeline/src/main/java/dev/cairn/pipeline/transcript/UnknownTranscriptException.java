package dev.cairn.pipeline.transcript;

/** No transcript has this id. */
public final class UnknownTranscriptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownTranscriptException(String transcriptId) {
    super("no transcript with id " + transcriptId);
  }
}
