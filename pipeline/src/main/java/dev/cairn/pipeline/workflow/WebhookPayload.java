package dev.cairn.pipeline.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.transcript.Room;
import dev.cairn.pipeline.transcript.Topic;
import dev.cairn.pipeline.transcript.Transcript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The outgoing {@code transcript.completed} body (upstream §8.3): compact JSON, nulls included. */
final class WebhookPayload {
  private final ObjectMapper json;
  private final String uiBaseUrl;

  WebhookPayload(ObjectMapper json, String uiBaseUrl) {
    this.json = json;
    this.uiBaseUrl = uiBaseUrl;
  }

  byte[] completed(String eventId, Transcript transcript, Room room) {
    ObjectNode body = json.createObjectNode();
    body.put("event", "transcript.completed");
    body.put("event_id", eventId);
    body.put("timestamp", Instant.now().toString());
    ObjectNode t = body.putObject("transcript");
    t.put("id", transcript.id());
    t.put("room_id", transcript.roomId());
    t.put("created_at", transcript.createdAt().toString());
    t.put("duration", transcript.durationMs());
    t.put("title", transcript.title());
    t.put("short_summary", transcript.shortSummary());
    t.put("long_summary", transcript.longSummary());
    List<Word> allWords = new ArrayList<>();
    transcript.topics().forEach(topic -> allWords.addAll(topic.words()));
    t.put("webvtt", WebVtt.render(allWords));
    ArrayNode topics = t.putArray("topics");
    for (Topic topic : transcript.topics()) {
      ObjectNode node = topics.addObject();
      node.put("title", topic.title());
      node.put("summary", topic.summary());
      node.put("timestamp", topic.timestamp());
      node.put("duration", topic.duration());
      node.put("webvtt", topic.words().isEmpty() ? "" : WebVtt.render(topic.words()));
    }
    ArrayNode participants = t.putArray("participants");
    for (Participant participant : transcript.participants()) {
      participants.addObject().put("id", participant.id()).put("name", participant.name())
          .put("speaker", participant.speaker());
    }
    t.put("source_language", transcript.sourceLanguage());
    t.put("target_language", transcript.targetLanguage());
    t.put("status", transcript.status().wire());
    t.put("frontend_url", uiBaseUrl + "/transcripts/" + transcript.id());
    t.set("action_items", transcript.actionItems());
    body.putObject("room").put("id", room.id()).put("name", room.name());
    body.putNull("calendar_event");
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("webhook payload does not serialise", e);
    }
  }
}
