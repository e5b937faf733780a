package dev.cairn.pipeline.daily;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Daily's JSON answers into the records. Shared by the REST client and the local folder so both accept
 * exactly the same documents. Throws {@link IllegalArgumentException} naming the missing or malformed field;
 * callers turn that into their own error with the call's context.
 */
final class DailyJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DailyJson() {}

  static JsonNode tree(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("the body is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the body is not JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body could not be read (" + e.getMessage() + ")", e);
    }
  }

  /** {@code GET /recordings/{id}}: Daily's own mix of snake_case and camelCase ({@code mtgSessionId}, {@code s3key}). */
  static DailyRecording recording(JsonNode node) {
    requireObject(node, "recording");
    return new DailyRecording(text(node, "id", true), text(node, "room_name", false),
        node.path("start_ts").asLong(0), text(node, "status", false), optionalInt(node, "duration"),
        text(node, "mtgSessionId", false), text(node, "s3key", false), tracks(node.path("tracks")));
  }

  /** {@code GET /recordings}: {@code {"total_count": n, "data": [recording, ...]}}. */
  static List<DailyRecording> recordingList(JsonNode node) {
    requireObject(node, "recording list");
    JsonNode data = node.path("data");
    if (!data.isArray()) {
      throw new IllegalArgumentException("\"data\" is not an array");
    }
    List<DailyRecording> recordings = new ArrayList<>();
    for (JsonNode entry : data) {
      try {
        recordings.add(recording(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("data[" + recordings.size() + "]: " + e.getMessage(), e);
      }
    }
    return List.copyOf(recordings);
  }

  /** The {@code tracks} array of a recording or a webhook payload; absent means none. */
  static List<DailyRecording.DailyTrack> tracks(JsonNode tracks) {
    if (tracks.isMissingNode() || tracks.isNull()) {
      return List.of();
    }
    if (!tracks.isArray()) {
      throw new IllegalArgumentException("\"tracks\" is not an array");
    }
    List<DailyRecording.DailyTrack> result = new ArrayList<>();
    for (JsonNode track : tracks) {
      requireObject(track, "tracks[" + result.size() + "]");
      result.add(new DailyRecording.DailyTrack(text(track, "type", false), text(track, "s3Key", true),
          track.path("size").asLong(0)));
    }
    return List.copyOf(result);
  }

  /** {@code GET /meetings/{id}/participants}: the entries of {@code data[]}. */
  static List<DailyParticipant> participants(JsonNode node) {
    requireObject(node, "participants answer");
    JsonNode data = node.get("data");
    if (data == null || !data.isArray()) {
      throw new IllegalArgumentException("\"data\" is missing or not an array");
    }
    List<DailyParticipant> result = new ArrayList<>();
    for (JsonNode entry : data) {
      requireObject(entry, "data[" + result.size() + "]");
      result.add(new DailyParticipant(text(entry, "participant_id", true), text(entry, "user_id", false),
          text(entry, "user_name", false), entry.path("join_time").asLong(0), entry.path("duration").asLong(0)));
    }
    return List.copyOf(result);
  }

  static String text(JsonNode node, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new IllegalArgumentException("\"" + field + "\" is missing");
      }
      return null;
    }
    if (!value.isValueNode()) {
      throw new IllegalArgumentException("\"" + field + "\" is not a string");
    }
    return value.asText();
  }

  /** Whole seconds; Daily sometimes sends a float, which is truncated like upstream's int(). */
  static Integer optionalInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException("\"" + field + "\" is not a number");
    }
    return value.asInt();
  }

  static void requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " is not a JSON object");
    }
  }
}
