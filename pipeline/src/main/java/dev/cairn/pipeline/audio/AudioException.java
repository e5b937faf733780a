package dev.cairn.pipeline.audio;

/**
 * An audio file could not be read, decoded, filtered or written. The message names the file and the reason, e.g.
 * {@code track /tmp/x is not audio: no audio stream} or
 * {@code cannot open track /tmp/x: Invalid data found when processing input}.
 */
public class AudioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AudioException(String message) {
    super(message);
  }

  public AudioException(String message, Throwable cause) {
    super(message, cause);
  }
}
