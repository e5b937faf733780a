package dev.cairn.pipeline.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Objects;

/**
 * CORS for read endpoints whose only credential is a bearer header, so that a page of another origin (Cairn's
 * dashboard, on its own port) can fetch them with a token it holds: {@code OPTIONS} preflights are answered 204 here,
 * and every other answer, refusals included (a page must be able to tell 401 from 404), allows any origin.
 *
 * <p>Any origin ({@code *}) rather than an allow-list: the endpoints read no cookie or other ambient credential, so a
 * page of another site gains nothing that a holder of the token could not do with curl, and one without it is refused
 * as anyone is. {@code *} also keeps browsers from sending credentials, should a cookie ever be set on this host.
 * Thread-safe.
 */
public final class CrossOriginReads implements HttpHandler {
  /** How long a browser may reuse a preflight's answer. */
  static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

  private final HttpHandler endpoint;

  public CrossOriginReads(HttpHandler endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
    if (!"OPTIONS".equals(exchange.getRequestMethod())) {
      endpoint.handle(exchange);
      return;
    }
    try (exchange) {
      exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET");
      exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Authorization, Last-Event-ID");
      exchange.getResponseHeaders().set("Access-Control-Max-Age", Integer.toString(PREFLIGHT_MAX_AGE_SECONDS));
      exchange.getResponseHeaders().set("Allow", "GET, OPTIONS");
      exchange.sendResponseHeaders(204, -1);
    }
  }
}
