package dev.cairn.pipeline.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.cairn.pipeline.daily.DailyTrackKey;
import dev.cairn.pipeline.daily.DailyWebhookEvent;
import dev.cairn.pipeline.daily.DailyWebhookVerifier;
import dev.cairn.pipeline.daily.InvalidFieldException;
import dev.cairn.pipeline.http.HttpAnswers;
import dev.cairn.pipeline.http.JsonErrorBoundary;
import dev.cairn.pipeline.http.RequestRefused;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/daily/webhook} (upstream §1.1): checks, in this order, the method, the content type, the size, the
 * signature and its timestamp ({@link DailyWebhookVerifier}), and every field of the body
 * ({@link DailyWebhookEvent#parse}); only then does it act, so a refused delivery writes nothing. Daily's test body
 * is acknowledged; {@code recording.ready-to-download} for raw tracks becomes an ingest. Well-formed events it does
 * not handle are acknowledged with 200 and {@code "ignored"}: Daily disables a webhook after three non-2xx answers
 * in a row. Authenticated by the signature alone (Daily sends no token).
 */
final class DailyWebhookHandler implements JsonErrorBoundary.Endpoint {
  static final String PATH = "/v1/daily/webhook";
  private static final Logger LOG = LoggerFactory.getLogger(DailyWebhookHandler.class);
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final DailyWebhookVerifier verifier;
  private final DailyIngest ingest;
  private final ObjectMapper json;

  DailyWebhookHandler(DailyWebhookVerifier verifier, DailyIngest ingest, ObjectMapper json) {
    this.verifier = verifier;
    this.ingest = ingest;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw new RequestRefused(405, "method", "use POST").withHeader("Allow", "POST");
    }
    if (!PATH.equals(exchange.getRequestURI().getPath())) {
      throw new RequestRefused(404, "path", "no such resource");
    }
    requireJson(exchange.getRequestHeaders().get("Content-Type"));
    byte[] body = body(exchange);
    String timestamp = exchange.getRequestHeaders().getFirst("X-Webhook-Timestamp");
    String signature = exchange.getRequestHeaders().getFirst("X-Webhook-Signature");
    verifier.refusal(timestamp, signature, body).ifPresent(reason -> {
      LOG.warn("Daily webhook refused: {}", reason);
      throw new RequestRefused(401, "X-Webhook-Signature", reason);
    });
    DailyWebhookEvent event;
    try {
      event = DailyWebhookEvent.parse(body);
    } catch (InvalidFieldException invalid) {
      LOG.warn("Daily webhook refused: {}", invalid.getMessage());
      throw new RequestRefused(400, invalid.field(), invalid.getMessage());
    }
    HttpAnswers.json(exchange, json, 200, act(event));
  }

  private Map<String, Object> act(DailyWebhookEvent event) {
    if (event.isTest()) {
      return Map.of("status", "ok");
    }
    DailyWebhookEvent.RecordingReady ready = event.payload();
    if (ready == null || !ready.isRawTracks()) {
      return ignored("not a raw-tracks recording.ready-to-download");
    }
    if (ready.tracks().isEmpty()) {
      LOG.warn("Daily recording {} arrived without tracks; nothing to process", ready.recordingId());
      return ignored("recording has no tracks");
    }
    if (DailyTrackKey.camAudioKeys(ready.audioKeys()).isEmpty()) {
      LOG.warn("Daily recording {} has no cam-audio tracks; nothing to process", ready.recordingId());
      return ignored("recording " + ready.recordingId() + " has no cam-audio tracks (" + ready.tracks().size()
          + " tracks given)");
    }
    // A failure from here on is not acknowledged (500): Daily redelivers, and the recording id keeps a redelivery
    // from starting a second run.
    DailyIngest.Started started;
    try {
      started = ingest.ingest(ready.recordingId(), ready.roomName(), ready.startTs(), ready.tracks());
    } catch (InvalidFieldException invalid) {
      throw new RequestRefused(400, "payload." + invalid.field(), invalid.getMessage());
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("status", "ok");
    reply.put("transcript_id", started.transcriptId());
    reply.put("run_id", started.runId().toString());
    return reply;
  }

  private static Map<String, Object> ignored(String reason) {
    return Map.of("status", "ignored", "reason", reason);
  }

  /** JSON or nothing said: Daily posts JSON; a form or a text body is someone else's. */
  private static void requireJson(List<String> contentTypes) {
    if (contentTypes == null || contentTypes.isEmpty()) {
      return;
    }
    if (contentTypes.size() > 1) {
      throw new RequestRefused(415, "Content-Type", "Content-Type is given " + contentTypes.size() + " times");
    }
    String[] parts = contentTypes.get(0).toLowerCase(Locale.ROOT).split(";");
    String media = parts[0].strip();
    boolean json = media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json");
    for (int i = 1; i < parts.length && json; i++) {
      String parameter = parts[i].strip().replace("\"", "");
      json = !parameter.startsWith("charset=") || parameter.equals("charset=utf-8");
    }
    if (!json) {
      throw new RequestRefused(415, "Content-Type", "Content-Type must be application/json (UTF-8)");
    }
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && length.length() > 9) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    return body;
  }

  private static RequestRefused tooLarge() {
    return new RequestRefused(413, "body", "body larger than " + MAX_BODY_BYTES + " bytes");
  }
}
