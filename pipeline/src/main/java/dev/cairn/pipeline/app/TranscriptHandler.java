package dev.cairn.pipeline.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.cairn.pipeline.http.HttpAnswers;
import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.transcript.Topic;
import dev.cairn.pipeline.transcript.Transcript;
import dev.cairn.pipeline.transcript.TranscriptEvent;
import dev.cairn.pipeline.transcript.TranscriptStore;
import dev.cairn.pipeline.transcript.TranscriptWatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read access to transcripts over HTTP: {@code GET /v1/transcripts/{id}} (the transcript as JSON, snake_case as
 * upstream's REST API) and {@code GET /v1/transcripts/{id}/events}, the event log as Server-Sent Events: every
 * stored event, then new ones as they are appended. Each event's {@code id} is its sequence number, so a client
 * that reconnects with {@code Last-Event-ID} resumes where it stopped.
 */
final class TranscriptHandler implements HttpHandler {
  static final String PATH = "/v1/transcripts/";
  private static final Pattern ROUTE = Pattern.compile("^/v1/transcripts/([A-Za-z0-9-]{1,64})(/events)?$");
  private static final long KEEPALIVE_SECONDS = 15;

  private final TranscriptStore transcripts;
  private final ObjectMapper json;

  TranscriptHandler(TranscriptStore transcripts, ObjectMapper json) {
    this.transcripts = transcripts;
    this.json = json;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher route = ROUTE.matcher(exchange.getRequestURI().getPath());
      if (!"GET".equals(exchange.getRequestMethod())) {
        HttpAnswers.json(exchange, json, 405, Map.of("error", "use GET"));
        return;
      }
      if (!route.matches()) {
        HttpAnswers.json(exchange, json, 404, Map.of("error", "no such resource: " + exchange.getRequestURI().getPath()));
        return;
      }
      Optional<Transcript> transcript = transcripts.find(route.group(1));
      if (transcript.isEmpty()) {
        HttpAnswers.json(exchange, json, 404, Map.of("error", "no transcript with id " + route.group(1)));
        return;
      }
      if (route.group(2) == null) {
        HttpAnswers.json(exchange, json, 200, view(transcript.get()));
        return;
      }
      long after;
      try {
        after = lastEventId(exchange);
      } catch (NumberFormatException e) {
        HttpAnswers.json(exchange, json, 400, Map.of("error", "Last-Event-ID must be an event sequence number"));
        return;
      }
      stream(exchange, transcript.get().id(), after);
    }
  }

  private static long lastEventId(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    return header == null || header.isBlank() ? 0 : Long.parseLong(header.strip());
  }

  /** Streams until the client goes away (a write fails) or the server stops (this thread is interrupted). */
  private void stream(HttpExchange exchange, String transcriptId, long after) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    CountDownLatch gone = new CountDownLatch(1);
    try (TranscriptWatch watch = transcripts.watch(transcriptId, after, event -> send(out, event, gone))) {
      while (!gone.await(KEEPALIVE_SECONDS, TimeUnit.SECONDS)) {
        // A comment line: a client that went away is only noticed when a write fails.
        write(out, ": keepalive\n\n", gone);
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(OutputStream out, TranscriptEvent event, CountDownLatch gone) {
    String frame = "id: " + event.seq() + "\nevent: " + event.event() + "\ndata: " + event.data() + "\n\n";
    write(out, frame, gone);
  }

  private static void write(OutputStream out, String text, CountDownLatch gone) {
    if (gone.getCount() == 0) {
      return;
    }
    try {
      synchronized (out) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException clientLeft) {
      gone.countDown();
    }
  }

  private ObjectNode view(Transcript transcript) {
    ObjectNode node = json.createObjectNode();
    node.put("id", transcript.id());
    node.put("status", transcript.status().wire());
    node.put("title", transcript.title());
    node.put("duration", transcript.durationMs());
    node.put("created_at", transcript.createdAt().toString());
    node.put("short_summary", transcript.shortSummary());
    node.put("long_summary", transcript.longSummary());
    node.set("action_items", transcript.actionItems());
    node.put("source_language", transcript.sourceLanguage());
    node.put("target_language", transcript.targetLanguage());
    node.put("audio_location", transcript.audioLocation());
    if (transcript.audioDeleted() == null) {
      node.putNull("audio_deleted");
    } else {
      node.put("audio_deleted", transcript.audioDeleted());
    }
    node.put("room_id", transcript.roomId());
    node.put("meeting_id", transcript.meetingId());
    ArrayNode participants = node.putArray("participants");
    for (Participant participant : transcript.participants()) {
      participants.addObject().put("id", participant.id()).put("speaker", participant.speaker())
          .put("name", participant.name()).put("user_id", participant.userId());
    }
    ArrayNode topics = node.putArray("topics");
    for (Topic topic : transcript.topics()) {
      topics.addObject().put("id", topic.id().toString()).put("title", topic.title()).put("summary", topic.summary())
          .put("timestamp", topic.timestamp()).put("duration", topic.duration()).put("transcript", topic.transcript());
    }
    node.set("waveform", json.valueToTree(transcript.waveform()));
    return node;
  }
}
