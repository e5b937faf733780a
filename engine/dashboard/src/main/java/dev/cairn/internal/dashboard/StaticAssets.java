package dev.cairn.internal.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dashboard's pages: a fixed set of hand-written files loaded from the classpath once, so no request path ever
 * reaches a file system or class loader lookup. Every other path is the single page itself, whose script routes on
 * the URL fragment. Thread-safe.
 */
final class StaticAssets implements HttpHandler {
  private static final String ROOT = "/dev/cairn/internal/dashboard/assets/";
  private static final Map<String, String> TYPES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8",
      "graph.js", "text/javascript; charset=utf-8",
      "app.css", "text/css; charset=utf-8");

  private final Map<String, byte[]> files;
  /** The pages' policy: the links' origins are where the page may fetch besides its own. */
  private final String policy;

  StaticAssets(List<MetadataLink> links) {
    this.policy = HttpReply.contentSecurityPolicy(links.stream().map(MetadataLink::origin).toList());
    this.files = TYPES.keySet().stream().collect(Collectors.toUnmodifiableMap(name -> name,
        StaticAssets::load));
  }

  private static byte[] load(String name) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard asset " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        HttpReply.error(exchange, 405, "method", "only GET is served here");
        return;
      }
      String name = exchange.getRequestURI().getPath().substring(1);
      if (!files.containsKey(name)) {
        name = "index.html";
      }
      HttpReply.bytes(exchange, 200, TYPES.get(name), files.get(name), policy);
    }
  }
}
