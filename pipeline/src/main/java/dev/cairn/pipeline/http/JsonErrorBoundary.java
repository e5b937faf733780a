package dev.cairn.pipeline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an endpoint so that every request ends with a status: a {@link RequestRefused} becomes its status and a
 * JSON error naming the field; any other failure becomes 500 with a JSON error holding only a reference to the log
 * line that has the details (never a stack trace, SQL or exception text). The exchange is closed only after the
 * answer is written. A failure after the response has started (a stream) can only end the response.
 */
public final class JsonErrorBoundary implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorBoundary.class);

  /** What an endpoint does with one exchange; it throws {@link RequestRefused} to refuse it. */
  @FunctionalInterface
  public interface Endpoint {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final String name;
  private final Endpoint endpoint;
  private final ObjectMapper json;

  /** @param name the endpoint's name in log lines */
  public JsonErrorBoundary(String name, Endpoint endpoint, ObjectMapper json) {
    this.name = name;
    this.endpoint = endpoint;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      endpoint.handle(exchange);
    } catch (RequestRefused refused) {
      refused.headers().forEach((header, value) -> exchange.getResponseHeaders().set(header, value));
      answer(exchange, refused.status(), refused.field(), refused.getMessage());
    } catch (IOException clientGone) {
      LOG.debug("{}: the client went away: {}", name, clientGone.toString());
    } catch (RuntimeException | Error failure) {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      LOG.error("{} failed (reference {})", name, reference, failure);
      answer(exchange, 500, null, "internal error (reference " + reference + ")");
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange, int status, String field, String message) {
    if (exchange.getResponseCode() != -1) {
      return; // the response has started: closing the exchange is all that is left
    }
    try {
      HttpAnswers.error(exchange, json, status, field, message);
    } catch (IOException clientGone) {
      LOG.debug("{}: could not send {}: {}", name, status, clientGone.toString());
    }
  }
}
