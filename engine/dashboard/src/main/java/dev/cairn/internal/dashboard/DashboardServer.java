package dev.cairn.internal.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP server: the JDK's own (already serving /metrics, so no new server library), with the pages
 * at {@code /} and the JSON API and event streams at {@code /api/}. Each exchange runs on a daemon thread of its own
 * pool; an event stream holds its thread while open, so streams are capped ({@link #DEFAULT_MAX_STREAMS}).
 * Thread-safe.
 */
public final class DashboardServer implements AutoCloseable {
  /** Event streams open at once by default; one more is answered 503. */
  public static final int DEFAULT_MAX_STREAMS = 64;
  private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

  private final HttpServer server;
  private final ExecutorService threads;

  private DashboardServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Listens on {@code host}:{@code port} (0: a free port) and serves the dashboard over {@code backend}, offering
   * {@code links} on the pages of runs with those metadata keys.
   *
   * @throws IllegalStateException if the port cannot be bound
   */
  public static DashboardServer start(String host, int port, DashboardBackend backend, List<MetadataLink> links) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve the dashboard on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "cairn-dashboard-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.createContext(ApiRoutes.PREFIX, new ApiRoutes(backend, DEFAULT_MAX_STREAMS, links));
    server.createContext("/", new StaticAssets(links));
    server.setExecutor(threads);
    server.start();
    DashboardServer dashboard = new DashboardServer(server, threads);
    log.info("serving the dashboard on {}", dashboard.address());
    return dashboard;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Where a browser on this host opens it: {@code http://localhost:port/}. */
  public String address() {
    return "http://localhost:" + port() + "/";
  }

  /** Stops listening and ends open event streams. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
