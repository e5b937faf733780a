package dev.cairn.pipeline.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by an endpoint to refuse a request: {@link JsonErrorBoundary} answers it with the status and a JSON error
 * naming the field. The message is sent to the caller, so it must not carry secrets, SQL or more than a short
 * escaped prefix of the input.
 */
public final class RequestRefused extends RuntimeException {
  private final int status;
  private final String field;
  private final Map<String, String> headers = new LinkedHashMap<>();

  /**
   * @param status a 4xx or 503 status
   * @param field the field, parameter or header at fault; null when no one field is
   */
  public RequestRefused(int status, String field, String message) {
    super(message, null, false, false); // refusals are expected: no stack trace to fill
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status, got " + status);
    }
    this.status = status;
    this.field = field;
  }

  /** The same refusal with a response header (e.g. {@code WWW-Authenticate}, {@code Retry-After}). */
  public RequestRefused withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  /** Null when no single field is at fault. */
  public String field() {
    return field;
  }

  Map<String, String> headers() {
    return headers;
  }
}
