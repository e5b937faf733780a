package dev.cairn.pipeline.daily;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
  private static final int MAX_EVENT_ID = 256;
  private static final long MAX_PARTICIPANTS = 100_000;
  private static final long MAX_DURATION_SECONDS = 31L * 24 * 3600;
  private static final long MAX_TRACK_BYTES = 1L << 50;

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
   * Parses and checks a webhook body (verify its signature first): exactly one JSON object, the envelope's fields
   * typed and bounded, and for {@code recording.ready-to-download} every field of the payload within
   * {@link DailyFields}' bounds, so an accepted event can be stored as it is.
   *
   * @throws InvalidFieldException naming the first field (as a path, e.g. {@code payload.tracks[1].s3Key}) that is
   *     missing, of the wrong type or out of bounds
   */
  public static DailyWebhookEvent parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidFieldException("body", "is empty");
    }
    JsonNode root = WebhookJson.object(body);
    if (root.size() == 1 && TEST_TYPE.equals(root.path("test").asText(null))) {
      return new DailyWebhookEvent(null, TEST_TYPE, null, 0, null);
    }
    String type = DailyFields.id("type", WebhookJson.string(root, "type", "type", true), DailyFields.MAX_WORD);
    String version = optionalId(root, "version", "version", DailyFields.MAX_WORD);
    String id = optionalId(root, "id", "id", MAX_EVENT_ID);
    Long eventTs = WebhookJson.wholeNumber(root, "event_ts", "event_ts", Long.MIN_VALUE, Long.MAX_VALUE);
    if (eventTs != null) {
      DailyFields.epochSeconds("event_ts", eventTs);
    }
    RecordingReady payload = RECORDING_READY.equals(type) ? recordingReady(root.get("payload")) : null;
    return new DailyWebhookEvent(version, type, id, eventTs == null ? 0 : eventTs, payload);
  }

  private static RecordingReady recordingReady(JsonNode node) {
    JsonNode payload = WebhookJson.requireObject(node, "payload");
    String recordingId = WebhookJson.string(payload, "recording_id", "payload.recording_id", true);
    String roomName = WebhookJson.string(payload, "room_name", "payload.room_name", false);
    Long startTs = WebhookJson.wholeNumber(payload, "start_ts", "payload.start_ts", Long.MIN_VALUE, Long.MAX_VALUE);
    if (startTs != null) {
      DailyFields.epochSeconds("payload.start_ts", startTs);
    }
    optionalId(payload, "share_token", "payload.share_token", MAX_EVENT_ID);
    Long maxParticipants = WebhookJson.wholeNumber(payload, "max_participants", "payload.max_participants", 0,
        MAX_PARTICIPANTS);
    Long duration = WebhookJson.wholeNumber(payload, "duration", "payload.duration", 0, MAX_DURATION_SECONDS);
    List<DailyRecording.DailyTrack> tracks = tracks(payload.get("tracks"));
    long start = startTs == null ? 0 : startTs;
    DailyFields.recording("payload.", recordingId, roomName, start, tracks);
    return new RecordingReady(recordingId, roomName, start,
        optionalId(payload, "type", "payload.type", DailyFields.MAX_WORD),
        optionalId(payload, "status", "payload.status", DailyFields.MAX_WORD),
        maxParticipants == null ? null : maxParticipants.intValue(),
        duration == null ? null : duration.intValue(),
        optionalId(payload, "s3_key", "payload.s3_key", DailyFields.MAX_KEY), tracks);
  }

  /** The {@code tracks} array; absent means none. */
  private static List<DailyRecording.DailyTrack> tracks(JsonNode tracks) {
    if (tracks == null || tracks.isNull()) {
      return List.of();
    }
    if (!tracks.isArray()) {
      throw new InvalidFieldException("payload.tracks", "is not an array");
    }
    if (tracks.size() > DailyFields.MAX_TRACKS) {
      throw new InvalidFieldException("payload.tracks", "has " + tracks.size() + " entries; at most "
          + DailyFields.MAX_TRACKS + " are allowed");
    }
    List<DailyRecording.DailyTrack> result = new ArrayList<>();
    for (JsonNode entry : tracks) {
      String path = "payload.tracks[" + result.size() + "]";
      JsonNode track = WebhookJson.requireObject(entry, path);
      Long size = WebhookJson.wholeNumber(track, "size", path + ".size", 0, MAX_TRACK_BYTES);
      result.add(new DailyRecording.DailyTrack(WebhookJson.string(track, "type", path + ".type", false),
          WebhookJson.string(track, "s3Key", path + ".s3Key", true), size == null ? 0 : size));
    }
    return List.copyOf(result);
  }

  private static String optionalId(JsonNode parent, String name, String path, int max) {
    String value = WebhookJson.string(parent, name, path, false);
    return value == null ? null : DailyFields.id(path, value, max);
  }
}
