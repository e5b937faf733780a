package dev.cairn.internal.scrape;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics}: the text a scrape function returns, in the Prometheus text format (0.0.4). One daemon
 * thread answers (scrapes are rare and quick); any other path is 404, any other method 405. Thread-safe.
 */
public final class ScrapeServer implements AutoCloseable {
  /** The Prometheus text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger log = LoggerFactory.getLogger(ScrapeServer.class);

  private final HttpServer server;
  private final ExecutorService thread;

  private ScrapeServer(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /**
   * Listens on {@code port} of every interface (0: a free port) and serves {@code scrape}'s text at /metrics.
   *
   * @throws IllegalStateException if the port cannot be bound
   */
  public static ScrapeServer start(int port, Supplier<String> scrape) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve metrics on port " + port + ": " + e.getMessage(), e);
    }
    ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
      Thread answering = new Thread(task, "cairn-metrics-http");
      answering.setDaemon(true);
      return answering;
    });
    server.createContext("/metrics", exchange -> answer(exchange, scrape));
    server.setExecutor(thread);
    server.start();
    log.info("serving Prometheus metrics on http://0.0.0.0:{}/metrics", server.getAddress().getPort());
    return new ScrapeServer(server, thread);
  }

  private static void answer(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals("/metrics")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try {
        body = scrape.get().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        log.warn("scraping metrics failed: {}", e.toString());
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(200, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
