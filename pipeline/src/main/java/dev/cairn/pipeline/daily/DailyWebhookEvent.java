package dev.cairn.pipeline.daily;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One incoming Daily webhook (upstream §1.1): the envelope, and the payload when it is a
 * {@code recording.ready-to-download} event. Daily's endpoint test posts {@code {"test":"test"}}; that parses to
 * an event of type {@value #TEST_TYPE} for which {@link #isTest()} is true.
 *
 * @param version envelope version, e.g. {@code 1.0.0}; may be null
 * @param type event type, e.g. {@code recording.ready-to-download}
 * @param id Daily's event id; may be null
 * @param eventTs epoch seconds (a float from Daily is truncated), 0 when absent
 * @param payload the recording payload, or null for every other event type
 */
public record DailyWebhookEvent(String version, String type, String id, long eventTs, RecordingReady payload) {
  /** The type given to Daily's {@code {"test":"test"}} probe. */
  public static final String TEST_TYPE = "test";
  /** The one event type the pipeline acts on. */
  public static final String RECORDING_READY = "recording.ready-to-download";

  /**
   * The payload of {@code recording.ready-to-download}. Only {@code type == "raw-tracks"} recordings have
   * per-participant tracks.
   *
   * @param startTs epoch seconds
   * @param maxParticipants may be null
   * @param duration whole seconds, may be null
   * @param s3Key the recording's folder key, may be null
   * @param tracks every track, audio and video; empty when absent
   */
  public record RecordingReady(String recordingId, String roomName, long startTs, String type, String status,
      Integer maxParticipants, Integer duration, String s3Key, List<DailyRecording.DailyTrack> tracks) {

    /** Whether this is a raw-tracks (multitrack) recording, the only kind the pipeline processes. */
    public boolean isRawTracks() {
      return "raw-tracks".equals(type);
    }

    /** The s3 keys of the {@code audio} tracks, in order (cam-audio filtering happens later, as upstream). */
    public List<String> audioKeys() {
      return tracks.stream().filter(track -> "audio".equals(track.type())).map(DailyRecording.DailyTrack::s3Key)
          .toList();
    }
  }

  /** Whether this is Daily's endpoint probe rather than a real event. */
  public boolean isTest() {
    return TEST_TYPE.equals(type) && id == null;
  }

  /**
   * Parses a webhook body (verify its signature first).
   *
   * @throws IllegalArgumentException naming the problem when the body is not JSON, has no {@code type}, or a
   *     recording payload lacks {@code recording_id}
   */
  public static DailyWebhookEvent parse(byte[] body) {
    if (body == null) {
      throw new IllegalArgumentException("Daily webhook body is missing");
    }
    try {
      JsonNode root = DailyJson.tree(body);
      DailyJson.requireObject(root, "the body");
      if (root.size() == 1 && TEST_TYPE.equals(root.path("test").asText(null))) {
        return new DailyWebhookEvent(null, TEST_TYPE, null, 0, null);
      }
      String type = DailyJson.text(root, "type", true);
      RecordingReady payload = RECORDING_READY.equals(type) ? recordingReady(root.get("payload")) : null;
      return new DailyWebhookEvent(DailyJson.text(root, "version", false), type, DailyJson.text(root, "id", false),
          root.path("event_ts").asLong(0), payload);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Daily webhook body is unusable: " + e.getMessage(), e);
    }
  }

  private static RecordingReady recordingReady(JsonNode payload) {
    DailyJson.requireObject(payload, "\"payload\"");
    return new RecordingReady(DailyJson.text(payload, "recording_id", true),
        DailyJson.text(payload, "room_name", false), payload.path("start_ts").asLong(0),
        DailyJson.text(payload, "type", false), DailyJson.text(payload, "status", false),
        DailyJson.optionalInt(payload, "max_participants"), DailyJson.optionalInt(payload, "duration"),
        DailyJson.text(payload, "s3_key", false), DailyJson.tracks(payload.path("tracks")));
  }
}
