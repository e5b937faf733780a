package dev.cairn.pipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.pipeline.daily.DailyRecording;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.storage.ObjectStorage;
import dev.cairn.pipeline.storage.StorageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample Daily recording in {@code samples/daily-sample}, re-keyed per test: each copy gets its own recording
 * id and key prefix, so tests that delete raw tracks (consent) or trigger by recording id never meet each other.
 */
public final class SampleRecording {
  public static final Path DIR = Path.of("..", "samples", "daily-sample").toAbsolutePath().normalize();
  public static final String ORIGINAL_PREFIX = "acme/";

  private final ObjectMapper json = new ObjectMapper();
  private final String recordingId;
  private final String prefix;
  private final String roomName;

  /**
   * A copy whose recording id is {@code recordingId}, whose keys start with {@code prefix/} instead of acme/, and
   * whose Daily room is {@code room} (Daily appends the meeting's time: {@code room-20261103140512}).
   */
  public SampleRecording(String recordingId, String prefix, String room) {
    this.recordingId = recordingId;
    this.prefix = prefix;
    this.roomName = room + "-20261103140512";
  }

  /** The room name without Daily's time suffix, as a Reflector room is named. */
  public String room() {
    return roomName.substring(0, roomName.length() - "-20261103140512".length());
  }

  public String dailyRoomName() {
    return roomName;
  }

  public String recordingId() {
    return recordingId;
  }

  public JsonNode expected() {
    return read("expected.json");
  }

  /** The reference merged words of expected.json. */
  public List<Word> expectedWords() {
    List<Word> words = new ArrayList<>();
    for (JsonNode word : expected().path("words")) {
      words.add(new Word(word.path("text").asText(), word.path("start").asDouble(), word.path("end").asDouble(),
          word.path("speaker").asInt()));
    }
    return words;
  }

  public String rekey(String key) {
    return key.startsWith(ORIGINAL_PREFIX) ? prefix + "/" + key.substring(ORIGINAL_PREFIX.length()) : key;
  }

  /** Daily's recording answer for this copy (id and keys replaced). */
  public ObjectNode recordingJson() {
    ObjectNode recording = (ObjectNode) read("recording.json");
    recording.put("id", recordingId);
    recording.put("room_name", roomName);
    rekeyTracks((ArrayNode) recording.path("tracks"));
    return recording;
  }

  public JsonNode participantsJson() {
    return read("participants.json");
  }

  /** Daily's webhook body for this copy. */
  public ObjectNode webhookJson() {
    ObjectNode webhook = (ObjectNode) read("webhook.json");
    ObjectNode payload = (ObjectNode) webhook.path("payload");
    payload.put("recording_id", recordingId);
    payload.put("room_name", roomName);
    rekeyTracks((ArrayNode) payload.path("tracks"));
    return webhook;
  }

  public List<DailyRecording.DailyTrack> tracks() {
    List<DailyRecording.DailyTrack> tracks = new ArrayList<>();
    for (JsonNode track : recordingJson().path("tracks")) {
      tracks.add(new DailyRecording.DailyTrack(track.path("type").asText(), track.path("s3Key").asText(),
          track.path("size").asLong()));
    }
    return tracks;
  }

  /** The cam-audio keys in speaker order. */
  public List<String> camAudioKeys() {
    List<String> keys = new ArrayList<>();
    for (JsonNode key : read("keys.json").path("cam_audio_keys")) {
      keys.add(rekey(key.asText()));
    }
    return keys;
  }

  /** Uploads the track files to their keys in {@code bucket}, as Daily would; returns how many. */
  public int seed(ObjectStorage storage, String bucket) {
    int count = 0;
    for (JsonNode track : read("keys.json").path("tracks")) {
      if (!track.path("file").isNull()) {
        storage.put(new StorageRef(bucket, rekey(track.path("s3Key").asText())),
            DIR.resolve(track.path("file").asText()));
        count++;
      }
    }
    return count;
  }

  /** The recorded ASR answer for a track, in the upstream response shape. */
  public byte[] asrAnswer(int trackIndex) {
    try {
      return Files.readAllBytes(DIR.resolve("words").resolve("track-" + trackIndex + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void rekeyTracks(ArrayNode tracks) {
    for (JsonNode track : tracks) {
      ((ObjectNode) track).put("s3Key", rekey(track.path("s3Key").asText()));
    }
  }

  private JsonNode read(String name) {
    try {
      return json.readTree(DIR.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " of the sample recording", e);
    }
  }
}
