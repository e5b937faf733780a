package dev.cairn.pipeline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.transcript.Topic;
import dev.cairn.pipeline.transcript.Transcript;

/** A transcript as {@code GET /v1/transcripts/{id}} shows it: snake_case, as upstream's REST API. Stateless. */
final class TranscriptView {
  private TranscriptView() {}

  static ObjectNode of(ObjectMapper json, Transcript transcript) {
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
