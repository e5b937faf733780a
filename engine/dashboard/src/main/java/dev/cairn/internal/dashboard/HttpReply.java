package dev.cairn.internal.dashboard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes responses with the headers every dashboard answer carries. Thread-safe (static, stateless). */
final class HttpReply {
  /** Scripts and styles from this origin only, nothing inline, no framing: escaping mistakes cannot run code. */
  static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy(List.of());

  private HttpReply() {}

  /** The policy, with fetches allowed to {@code linkOrigins} too (the origins of the configured metadata links). */
  static String contentSecurityPolicy(Collection<String> linkOrigins) {
    String connect = Stream.concat(Stream.of("'self'"), linkOrigins.stream().distinct())
        .collect(Collectors.joining(" "));
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src " + connect
        + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    bytes(exchange, status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(body));
  }

  static void error(HttpExchange exchange, int status, String field, String message) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", Quote.bounded(message));
    if (field != null) {
      body.put("field", Quote.bounded(field));
    }
    json(exchange, status, body);
  }

  static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    bytes(exchange, status, contentType, body, CONTENT_SECURITY_POLICY);
  }

  /** As {@link #bytes(HttpExchange, int, String, byte[])}, under {@code policy}: a page's own. */
  static void bytes(HttpExchange exchange, int status, String contentType, byte[] body, String policy)
      throws IOException {
    secure(exchange.getResponseHeaders(), policy).set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static Headers secure(Headers headers) {
    return secure(headers, CONTENT_SECURITY_POLICY);
  }

  private static Headers secure(Headers headers, String policy) {
    headers.set("Content-Security-Policy", policy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", "no-store");
    return headers;
  }
}
