package dev.cairn.pipeline.daily;

/**
 * A value from outside that breaks one of the bounds in {@link DailyFields}. The message names the field and says
 * what is wrong; it quotes at most a short escaped prefix of the value, so it is safe to send back to the caller.
 */
public final class InvalidFieldException extends IllegalArgumentException {
  private final String field;

  public InvalidFieldException(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
  }

  /** The field's path in the input, e.g. {@code payload.tracks[2].s3Key}. */
  public String field() {
    return field;
  }
}
