package dev.cairn.internal.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.cairn.Role;
import dev.cairn.internal.validate.Text;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One authenticated API call: its path segments after {@code /api/}, its query parameters (decoded, bounded) and
 * the caller's role. Parameters a handler does not read are refused by {@link #requireOnly}, so a misspelt filter
 * is an error rather than silently ignored. Not thread-safe (one per exchange).
 */
final class ApiRequest {
  /** Longest query string accepted. */
  static final int MAX_QUERY_LENGTH = 4096;
  /** Largest request body accepted. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpExchange exchange;
  private final List<String> segments;
  private final Map<String, List<String>> params;
  private final Role role;

  private ApiRequest(HttpExchange exchange, List<String> segments, Map<String, List<String>> params, Role role) {
    this.exchange = exchange;
    this.segments = segments;
    this.params = params;
    this.role = role;
  }

  static ApiRequest of(HttpExchange exchange, List<String> segments, Role role) {
    return new ApiRequest(exchange, segments, parseQuery(exchange.getRequestURI().getRawQuery()), role);
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    if (raw.length() > MAX_QUERY_LENGTH) {
      throw ApiError.badRequest("query", "the query string is " + raw.length() + " characters, at most "
          + MAX_QUERY_LENGTH + " are accepted");
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode("query", equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(name, pair.substring(equals + 1));
      params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String field, String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(field, "malformed percent-encoding in " + Text.quote(raw));
    }
  }

  Role role() {
    return role;
  }

  String method() {
    return exchange.getRequestMethod();
  }

  List<String> segments() {
    return segments;
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** The one value of parameter {@code name}, or null when absent; refused when given twice. */
  String param(String name) {
    List<String> values = params.get(name);
    if (values == null) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiError.badRequest(name, name + " is given " + values.size() + " times, at most once is accepted");
    }
    return values.get(0);
  }

  /** Every value of parameter {@code name} (empty when absent). */
  List<String> params(String name) {
    return params.getOrDefault(name, List.of());
  }

  /** Refuses any parameter not in {@code known}. */
  void requireOnly(String... known) {
    for (String name : params.keySet()) {
      if (!List.of(known).contains(name)) {
        throw ApiError.badRequest(name, "unknown parameter " + Text.quote(name) + "; known: " + String.join(", ",
            known));
      }
    }
  }

  /** The request body, refused past {@link #MAX_BODY_BYTES} and unless declared as JSON. */
  byte[] jsonBody() throws IOException {
    String type = header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiError(415, "Content-Type", "the body must be sent as application/json");
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new ApiError(413, "body", "the body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }
}
