package dev.cairn.internal.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cairn.NotFoundException;
import dev.cairn.Role;
import dev.cairn.internal.validate.Text;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything under {@code /api/}: checks the bearer token, routes by method and path, and turns refusals into
 * JSON errors. Only an {@code Authorization} header carries the token (no cookie is ever read or set), so a page
 * of another site cannot make a browser call an operation with the user's rights: that is the CSRF defence, and
 * operations are POSTs of JSON on top of it. Thread-safe.
 */
final class ApiRoutes implements HttpHandler {
  static final String PREFIX = "/api/";
  /** Longest path accepted. */
  static final int MAX_PATH_LENGTH = 512;
  private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);

  private final DashboardBackend backend;
  private final RunListing listing;
  private final RunOperations operations;
  private final Inventory inventory;
  private final EventStream stream;

  ApiRoutes(DashboardBackend backend, int maxStreams, List<MetadataLink> links) {
    this.backend = backend;
    this.listing = new RunListing(backend);
    this.operations = new RunOperations(backend, links);
    this.inventory = new Inventory(backend);
    this.stream = new EventStream(backend, maxStreams);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (ApiError e) {
        HttpReply.error(exchange, e.status(), e.field(), e.getMessage());
      } catch (NotFoundException e) {
        HttpReply.error(exchange, 404, "id", e.getMessage());
      } catch (IOException e) {
        log.debug("dashboard client went away: {}", e.toString());
      } catch (RuntimeException e) {
        String reference = Long.toHexString(ThreadLocalRandom.current().nextLong());
        log.warn("dashboard request {} {} failed (reference {})", exchange.getRequestMethod(),
            Text.quote(exchange.getRequestURI().getRawPath()), reference, e);
        HttpReply.error(exchange, 500, null, "internal error; the server log has it under reference " + reference);
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (path.length() > MAX_PATH_LENGTH) {
      throw new ApiError(414, "path", "the path is longer than " + MAX_PATH_LENGTH + " characters");
    }
    List<String> segments = segments(path);
    ApiRequest request = ApiRequest.of(exchange, segments, authenticate(exchange));
    String method = exchange.getRequestMethod();
    if (method.equals("GET")) {
      get(request, exchange, segments);
    } else if (method.equals("POST")) {
      post(request, exchange, segments);
    } else {
      throw new ApiError(405, "method", "method " + Text.quote(method) + " is not allowed here");
    }
  }

  private static List<String> segments(String path) {
    String rest = path.substring(PREFIX.length());
    List<String> segments = Arrays.asList(rest.split("/", -1));
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      try {
        segments.set(i, URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("path", "malformed percent-encoding in " + Text.quote(segment));
      }
    }
    return segments;
  }

  private Role authenticate(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || header.isBlank()) {
      throw new ApiError(401, "Authorization", "no token: send Authorization: Bearer <token>");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiError(401, "Authorization", "the Authorization header must be Bearer <token>");
    }
    Optional<Role> role;
    try {
      role = backend.authenticate(header.substring(7).trim());
    } catch (RuntimeException e) {
      log.warn("dashboard token check failed: {}", e.toString());
      throw new ApiError(503, "Authorization", "tokens cannot be checked now (database unavailable); retry");
    }
    if (role.isEmpty()) {
      throw new ApiError(401, "Authorization", "the token is unknown, expired or revoked");
    }
    if (role.get() == Role.WORKER) {
      throw new ApiError(403, "Authorization", "a WORKER token cannot use the dashboard; use a CLIENT or ADMIN token");
    }
    return role.get();
  }

  private void get(ApiRequest request, HttpExchange exchange, List<String> path) throws IOException {
    String first = path.get(0);
    if (path.size() == 1) {
      switch (first) {
        case "whoami" -> reply(exchange, inventory.whoami(request));
        case "runs" -> reply(exchange, listing.list(request));
        case "workers" -> reply(exchange, inventory.workers(request));
        case "schedules" -> reply(exchange, inventory.schedules(request));
        case "flow-control" -> reply(exchange, inventory.flowControl(request));
        case "tokens" -> reply(exchange, inventory.tokens(request));
        default -> throw notFound(path);
      }
      return;
    }
    if (!first.equals("runs")) {
      throw notFound(path);
    }
    UUID runId = Params.uuid("id", path.get(1));
    String rest = String.join("/", path.subList(2, path.size())).toLowerCase(Locale.ROOT);
    if (path.size() == 2) {
      reply(exchange, operations.get(request, runId));
    } else if (rest.equals("events")) {
      reply(exchange, operations.events(request, runId));
    } else if (rest.equals("stream")) {
      stream.serve(request, exchange, runId);
    } else if (path.size() == 5 && path.get(2).equals("steps") && path.get(4).equals("output")) {
      byte[] output = operations.output(request, runId, path.get(3)).getBytes(StandardCharsets.UTF_8);
      HttpReply.bytes(exchange, 200, "application/json; charset=utf-8", output);
    } else {
      throw notFound(path);
    }
  }

  private void post(ApiRequest request, HttpExchange exchange, List<String> path) throws IOException {
    if (path.size() == 2 && path.get(0).equals("runs") && (path.get(1).equals("cancel")
        || path.get(1).equals("replay"))) {
      reply(exchange, operations.bulk(request, path.get(1).equals("cancel")));
    } else if (path.size() == 3 && path.get(0).equals("runs") && path.get(2).equals("cancel")) {
      reply(exchange, operations.cancel(request, Params.uuid("id", path.get(1))));
    } else if (path.size() == 3 && path.get(0).equals("runs") && path.get(2).equals("replay")) {
      reply(exchange, operations.replay(request, Params.uuid("id", path.get(1))));
    } else {
      throw notFound(path);
    }
  }

  private static void reply(HttpExchange exchange, Object body) throws IOException {
    HttpReply.json(exchange, 200, body);
  }

  private static ApiError notFound(List<String> path) {
    return new ApiError(404, "path", "no API endpoint " + Text.quote("/api/" + String.join("/", path)));
  }
}
