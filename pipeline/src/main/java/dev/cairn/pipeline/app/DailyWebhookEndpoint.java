package dev.cairn.pipeline.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.pipeline.daily.DailyWebhookEvent;
import dev.cairn.pipeline.daily.DailyWebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/daily/webhook} (upstream §1.1): verifies Daily's signature, acknowledges Daily's test body, and
 * turns {@code recording.ready-to-download} for raw tracks into an ingest. Events it does not handle are
 * acknowledged with 200 and {@code "ignored"}: Daily disables a webhook after three non-2xx answers in a row.
 */
public final class DailyWebhookEndpoint implements AutoCloseable {
  public static final String PATH = "/v1/daily/webhook";
  private static final Logger LOG = LoggerFactory.getLogger(DailyWebhookEndpoint.class);
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String base64Secret;
  private final DailyIngest ingest;
  private final ObjectMapper json;

  /** Starts listening on {@code port} (0: any free port). */
  public DailyWebhookEndpoint(int port, String base64Secret, DailyIngest ingest, ObjectMapper json) {
    if (base64Secret == null || base64Secret.isBlank()) {
      throw new IllegalArgumentException("DAILY_WEBHOOK_SECRET is required for the Daily webhook endpoint");
    }
    DailyWebhookSignature.decodeSecret(base64Secret); // refuses a malformed secret at start, not per request
    this.base64Secret = base64Secret;
    this.ingest = ingest;
    this.json = json;
    try {
      this.server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen for Daily webhooks on port " + port + ": " + e.getMessage(), e);
    }
    this.executor = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "daily-webhook");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext(PATH, this::handle);
    server.start();
    LOG.info("Daily webhook endpoint listening on port {}{}", port(), PATH);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        answer(exchange, 405, Map.of("error", "use POST"));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        answer(exchange, 413, Map.of("error", "body larger than " + MAX_BODY_BYTES + " bytes"));
        return;
      }
      String timestamp = exchange.getRequestHeaders().getFirst("X-Webhook-Timestamp");
      String signature = exchange.getRequestHeaders().getFirst("X-Webhook-Signature");
      if (timestamp == null || signature == null
          || !DailyWebhookSignature.verify(base64Secret, timestamp, body, signature)) {
        LOG.warn("Daily webhook refused: {}", timestamp == null || signature == null
            ? "missing X-Webhook-Timestamp or X-Webhook-Signature" : "signature does not verify");
        answer(exchange, 401, Map.of("error", "invalid webhook signature"));
        return;
      }
      DailyWebhookEvent event;
      try {
        event = DailyWebhookEvent.parse(body);
      } catch (IllegalArgumentException malformed) {
        answer(exchange, 400, Map.of("error", malformed.getMessage()));
        return;
      }
      if (event.isTest()) {
        answer(exchange, 200, Map.of("status", "ok"));
        return;
      }
      DailyWebhookEvent.RecordingReady ready = event.payload();
      if (ready == null || !"raw-tracks".equals(ready.type())) {
        answer(exchange, 200, Map.of("status", "ignored", "reason", "not a raw-tracks recording.ready-to-download"));
        return;
      }
      if (ready.tracks() == null || ready.tracks().isEmpty()) {
        LOG.warn("Daily recording {} arrived without tracks; nothing to process", ready.recordingId());
        answer(exchange, 200, Map.of("status", "ignored", "reason", "recording has no tracks"));
        return;
      }
      DailyIngest.Started started;
      try {
        started = ingest.ingest(ready.recordingId(), ready.roomName(), ready.startTs(), ready.tracks());
      } catch (IllegalArgumentException unusable) {
        LOG.warn("Daily recording {} not processed: {}", ready.recordingId(), unusable.getMessage());
        answer(exchange, 200, Map.of("status", "ignored", "reason", unusable.getMessage()));
        return;
      }
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("status", "ok");
      reply.put("transcript_id", started.transcriptId());
      reply.put("run_id", started.runId().toString());
      answer(exchange, 200, reply);
    } catch (RuntimeException failure) {
      // Not acknowledged: Daily redelivers, and the recording id keeps a redelivery from starting a second run.
      LOG.error("Daily webhook failed", failure);
      answer(exchange, 500, Map.of("error", "internal error: " + failure.getClass().getSimpleName()));
    }
  }

  private void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
