package dev.cairn.pipeline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** JSON answers of the pipeline's HTTP endpoints, errors included. Stateless. */
public final class HttpAnswers {
  /** Longest error message sent; longer ones are cut (they should never be, but input may have slipped in). */
  public static final int MAX_ERROR_CHARACTERS = 300;

  private HttpAnswers() {}

  public static void json(HttpExchange exchange, ObjectMapper json, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** {@code {"error": message, "field": field}} ({@code field} left out when null), the message made safe. */
  public static void error(HttpExchange exchange, ObjectMapper json, int status, String field, String message)
      throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("error", safe(message));
    if (field != null) {
      body.put("field", safe(field));
    }
    json(exchange, json, status, body);
  }

  /** Control characters escaped and the length bounded, whatever the message holds. */
  static String safe(String message) {
    String text = message == null ? "error" : message;
    StringBuilder safe = new StringBuilder();
    int i = 0;
    for (; i < text.length() && safe.length() < MAX_ERROR_CHARACTERS; i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || Character.isSurrogate(c);
      safe.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return i < text.length() ? safe + "..." : safe.toString();
  }
}
