package dev.cairn.internal.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.cairn.RunEvent;
import dev.cairn.Subscription;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/runs/{id}/stream}: the run's events after a sequence number ({@code Last-Event-ID} header or
 * {@code after} parameter), then live, as Server-Sent Events; each event's {@code id} is its sequence number, so a
 * client resumes after a reconnect without gaps or repeats. The stream ends with an {@code end} event after the
 * run's final event. The engine delivers into a bounded queue and this exchange's thread writes it out, so a slow
 * browser never holds up the engine's event feed: past {@value #MAX_BUFFERED} undelivered events the stream ends
 * and the client resumes. Thread-safe.
 */
final class EventStream {
  static final Duration HEARTBEAT = Duration.ofSeconds(5);
  static final int MAX_BUFFERED = 10_000;
  private static final Object END = new Object();

  private final DashboardBackend backend;
  private final Semaphore streams;

  EventStream(DashboardBackend backend, int maxStreams) {
    this.backend = backend;
    this.streams = new Semaphore(maxStreams);
  }

  void serve(ApiRequest request, HttpExchange exchange, UUID runId) throws IOException {
    request.requireOnly("after");
    long afterSeq = afterSeq(request);
    backend.runs().getRun(runId);
    if (!streams.tryAcquire()) {
      throw new ApiError(503, "stream", "too many event streams are open; try again later");
    }
    try {
      stream(exchange, runId, afterSeq);
    } finally {
      streams.release();
    }
  }

  private static long afterSeq(ApiRequest request) {
    String lastEventId = request.header("Last-Event-ID");
    if (lastEventId != null) {
      return Params.nonNegativeLong("Last-Event-ID", lastEventId);
    }
    String after = request.param("after");
    return after == null ? 0 : Params.nonNegativeLong("after", after);
  }

  private void stream(HttpExchange exchange, UUID runId, long afterSeq) throws IOException {
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>(MAX_BUFFERED);
    Subscription subscription = Params.checked("after", () -> backend.runs().watch(runId, afterSeq,
        event -> {
          if (!queue.offer(event)) {
            queue.clear();
            queue.offer(END);
          }
        },
        failure -> queue.offer(END)));
    HttpReply.secure(exchange.getResponseHeaders()).set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    try (subscription; OutputStream out = exchange.getResponseBody()) {
      write(out, ": stream of run " + runId + "\n\n");
      pump(queue, out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pump(BlockingQueue<Object> queue, OutputStream out) throws IOException, InterruptedException {
    while (true) {
      Object next = queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
      if (next == null) {
        write(out, ": heartbeat\n\n");
      } else if (next == END) {
        write(out, "event: end\ndata: {}\n\n");
        return;
      } else {
        RunEvent event = (RunEvent) next;
        write(out, "id: " + event.seq() + "\nevent: run\ndata: "
            + Json.MAPPER.writeValueAsString(RunOperations.event(event)) + "\n\n");
      }
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
