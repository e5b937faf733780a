package dev.cairn.pipeline.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cairn.pipeline.daily.DailyWebhookEvent;
import dev.cairn.pipeline.daily.DailyWebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/daily/webhook} (upstream §1.1): verifies Daily's signature, acknowledges Daily's test body, and
 * turns {@code recording.ready-to-download} for raw tracks into an ingest. Events it does not handle are
 * acknowledged with 200 and {@code "ignored"}: Daily disables a webhook after three non-2xx answers in a row.
 */
final class DailyWebhookHandler implements HttpHandler {
  static final String PATH = "/v1/daily/webhook";
  private static final Logger LOG = LoggerFactory.getLogger(DailyWebhookHandler.class);
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final String base64Secret;
  private final DailyIngest ingest;
  private final ObjectMapper json;

  DailyWebhookHandler(String base64Secret, DailyIngest ingest, ObjectMapper json) {
    if (base64Secret == null || base64Secret.isBlank()) {
      throw new IllegalArgumentException("DAILY_WEBHOOK_SECRET is required for the Daily webhook endpoint");
    }
    DailyWebhookSignature.decodeSecret(base64Secret); // refuses a malformed secret at start, not per request
    this.base64Secret = base64Secret;
    this.ingest = ingest;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        HttpAnswers.json(exchange, json, 405, Map.of("error", "use POST"));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      if (body.length > MAX_BODY_BYTES) {
        HttpAnswers.json(exchange, json, 413, Map.of("error", "body larger than " + MAX_BODY_BYTES + " bytes"));
        return;
      }
      String timestamp = exchange.getRequestHeaders().getFirst("X-Webhook-Timestamp");
      String signature = exchange.getRequestHeaders().getFirst("X-Webhook-Signature");
      if (timestamp == null || signature == null
          || !DailyWebhookSignature.verify(base64Secret, timestamp, body, signature)) {
        LOG.warn("Daily webhook refused: {}", timestamp == null || signature == null
            ? "missing X-Webhook-Timestamp or X-Webhook-Signature" : "signature does not verify");
        HttpAnswers.json(exchange, json, 401, Map.of("error", "invalid webhook signature"));
        return;
      }
      DailyWebhookEvent event;
      try {
        event = DailyWebhookEvent.parse(body);
      } catch (IllegalArgumentException malformed) {
        HttpAnswers.json(exchange, json, 400, Map.of("error", malformed.getMessage()));
        return;
      }
      if (event.isTest()) {
        HttpAnswers.json(exchange, json, 200, Map.of("status", "ok"));
        return;
      }
      DailyWebhookEvent.RecordingReady ready = event.payload();
      if (ready == null || !"raw-tracks".equals(ready.type())) {
        HttpAnswers.json(exchange, json, 200, Map.of("status", "ignored", "reason", "not a raw-tracks recording.ready-to-download"));
        return;
      }
      if (ready.tracks() == null || ready.tracks().isEmpty()) {
        LOG.warn("Daily recording {} arrived without tracks; nothing to process", ready.recordingId());
        HttpAnswers.json(exchange, json, 200, Map.of("status", "ignored", "reason", "recording has no tracks"));
        return;
      }
      DailyIngest.Started started;
      try {
        started = ingest.ingest(ready.recordingId(), ready.roomName(), ready.startTs(), ready.tracks());
      } catch (IllegalArgumentException unusable) {
        LOG.warn("Daily recording {} not processed: {}", ready.recordingId(), unusable.getMessage());
        HttpAnswers.json(exchange, json, 200, Map.of("status", "ignored", "reason", unusable.getMessage()));
        return;
      }
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("status", "ok");
      reply.put("transcript_id", started.transcriptId());
      reply.put("run_id", started.runId().toString());
      HttpAnswers.json(exchange, json, 200, reply);
    } catch (RuntimeException failure) {
      // Not acknowledged: Daily redelivers, and the recording id keeps a redelivery from starting a second run.
      LOG.error("Daily webhook failed", failure);
      HttpAnswers.json(exchange, json, 500, Map.of("error", "internal error: " + failure.getClass().getSimpleName()));
    }
  }

}
