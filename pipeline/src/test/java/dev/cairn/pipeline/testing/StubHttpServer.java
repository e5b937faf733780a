package dev.cairn.pipeline.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A local HTTP server for client tests: listens on 127.0.0.1 at a free port, records every request, and answers
 * from scripted routes. A route is a method plus an exact path (the query is not part of it). An unscripted route
 * answers 404 with a body naming the route, so a wrong path shows up in the client's error message.
 *
 * <p>Thread-safe: requests are served on a small pool, and the recorded list is guarded by one lock whose
 * condition wakes {@link #awaitRequests} — tests wait on that, never on a sleep.
 */
public final class StubHttpServer implements AutoCloseable {

  /** One recorded request. Header names are case-insensitive; {@code query} is the raw query or null. */
  public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    /** The first value of a header, or null when absent. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A scripted answer. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public static Response json(int status, String json) {
      return bytes(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static Response text(int status, String text) {
      return bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static Response bytes(int status, String contentType, byte[] body) {
      return new Response(status, Map.of("Content-Type", contentType), body);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition requestArrived = lock.newCondition();
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Function<Request, Response>> handlers = new HashMap<>();
  private final Map<String, Deque<Response>> queues = new HashMap<>();

  private StubHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on a free loopback port. */
  public static StubHttpServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4);
      StubHttpServer stub = new StubHttpServer(server, executor);
      server.createContext("/", stub::handle);
      server.setExecutor(executor);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the stub HTTP server", e);
    }
  }

  /**
   * An http URI on a loopback port that nothing listens on (it was free a moment ago), for "unreachable" tests.
   * Another process could take the port in between; on a test machine that is rare enough to accept.
   */
  public static URI unreachableUri() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port", e);
    }
  }

  /** {@code http://127.0.0.1:<port>} without a trailing slash. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers every {@code method path} request with {@code handler} (after any queued answers are used up). */
  public StubHttpServer on(String method, String path, Function<Request, Response> handler) {
    lock.lock();
    try {
      handlers.put(route(method, path), handler);
    } finally {
      lock.unlock();
    }
    return this;
  }

  /**
   * Answers the next requests on the route with these responses in order, e.g. 500, 500, then 200. Once they are
   * used up the route falls back to its {@link #on} handler, or else keeps repeating the last response.
   */
  public StubHttpServer onSequence(String method, String path, Response... responses) {
    lock.lock();
    try {
      queues.computeIfAbsent(route(method, path), key -> new ArrayDeque<>()).addAll(List.of(responses));
      handlers.putIfAbsent(route(method, path), request -> responses[responses.length - 1]);
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    lock.lock();
    try {
      return List.copyOf(requests);
    } finally {
      lock.unlock();
    }
  }

  /** The requests so far whose path equals {@code path}, in arrival order. */
  public List<Request> requests(String path) {
    return requests().stream().filter(request -> request.path().equals(path)).toList();
  }

  /**
   * Waits until at least {@code count} requests to {@code path} have arrived and returns them all; fails with an
   * {@link AssertionError} naming what did arrive when the deadline passes first.
   */
  public List<Request> awaitRequests(String path, int count, Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (countFor(path) < count) {
        if (remaining <= 0) {
          throw new AssertionError("expected " + count + " requests to " + path + " within " + timeout
              + " but got " + countFor(path) + "; all requests: " + describe(requests));
        }
        remaining = requestArrived.awaitNanos(remaining);
      }
      return requests.stream().filter(request -> request.path().equals(path)).toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Request request = read(exchange);
      Response response = answerFor(request);
      byte[] body = response.body() == null ? new byte[0] : response.body();
      response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      // -1 tells the server there is no body at all (required for 204/304 and HEAD).
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private Request read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    URI uri = exchange.getRequestURI();
    Request request = new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
        Collections.unmodifiableMap(headers), body);
    lock.lock();
    try {
      requests.add(request);
      requestArrived.signalAll();
    } finally {
      lock.unlock();
    }
    return request;
  }

  private Response answerFor(Request request) {
    String route = route(request.method(), request.path());
    Function<Request, Response> handler;
    lock.lock();
    try {
      Deque<Response> queue = queues.get(route);
      if (queue != null && !queue.isEmpty()) {
        return queue.poll();
      }
      handler = handlers.get(route);
    } finally {
      lock.unlock();
    }
    // The handler runs outside the lock: it may block (to simulate a slow server) without stalling other routes.
    return handler == null ? Response.text(404, "no stub for " + route) : handler.apply(request);
  }

  private int countFor(String path) {
    return (int) requests.stream().filter(request -> request.path().equals(path)).count();
  }

  private static String describe(List<Request> requests) {
    return requests.stream().map(request -> route(request.method(), request.path())).toList().toString();
  }

  private static String route(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }
}
