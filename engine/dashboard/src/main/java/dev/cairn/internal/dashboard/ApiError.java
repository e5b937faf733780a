package dev.cairn.internal.dashboard;

/**
 * A refusal the API answers with its status and a JSON body naming the field at fault. The message is the
 * dashboard's own text, bounded and free of stack or SQL text (see {@link Quote}).
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;

  ApiError(int status, String field, String message) {
    super(Quote.bounded(message), null, false, false);
    this.status = status;
    this.field = field;
  }

  static ApiError badRequest(String field, String message) {
    return new ApiError(400, field, message);
  }

  int status() {
    return status;
  }

  String field() {
    return field;
  }
}
