package dev.cairn.pipeline.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyTrackKeyTest {

  @Test
  void everyFixtureKeyIsClassifiedAsKeysJsonSays() throws IOException {
    JsonNode keys = new ObjectMapper().readTree(DailyRestClientTest.fixture("keys.json"));
    int camAudio = 0;
    for (JsonNode track : keys.get("tracks")) {
      String key = track.get("s3Key").asText();
      boolean expectedCamAudio = "cam-audio".equals(track.get("kind").asText());
      assertEquals(expectedCamAudio, DailyTrackKey.isCamAudio(key), key);
      Optional<DailyTrackKey> parsed = DailyTrackKey.parse(key);
      assertEquals(expectedCamAudio, parsed.isPresent(), key);
      if (expectedCamAudio) {
        camAudio++;
        assertEquals(track.get("participant_id").asText(), parsed.get().participantId());
        assertEquals(1793714731614L, parsed.get().recordingStartMs());
      }
    }
    assertEquals(3, camAudio);
  }

  @Test
  void camAudioKeysKeepTheOrderThatDefinesSpeakers() throws IOException {
    JsonNode keys = new ObjectMapper().readTree(DailyRestClientTest.fixture("keys.json"));
    List<String> all = new ArrayList<>();
    keys.get("tracks").forEach(track -> all.add(track.get("s3Key").asText()));
    List<String> expected = new ArrayList<>();
    keys.get("cam_audio_keys").forEach(key -> expected.add(key.asText()));
    assertEquals(expected, DailyTrackKey.camAudioKeys(all));
  }

  @Test
  void bothTimestampsAreRead() {
    DailyTrackKey key = DailyTrackKey.parse(
        "acme/room/1793714731614-70efbb60-7056-4fa5-8478-8438ffc661d9-cam-audio-1793714734711").orElseThrow();
    assertEquals(new DailyTrackKey(1793714731614L, "70efbb60-7056-4fa5-8478-8438ffc661d9", 1793714734711L), key);
  }

  @Test
  void garbageAndShortNumbersDoNotParse() {
    assertTrue(DailyTrackKey.parse("garbage").isEmpty());
    assertTrue(DailyTrackKey.parse("").isEmpty());
    assertTrue(DailyTrackKey.parse(
        "room/123456789012-70efbb60-7056-4fa5-8478-8438ffc661d9-cam-audio-1793714734711").isEmpty());
    assertTrue(DailyTrackKey.parse(
        "room/1793714731614-70efbb60-7056-4fa5-8478-8438ffc661d9-cam-audio-17937").isEmpty());
    assertTrue(DailyTrackKey.parse("room/1793714731614-not-a-uuid-cam-audio-1793714734711").isEmpty());
    // The grammar is applied to the basename only: a match spread over folders does not count.
    assertTrue(DailyTrackKey.parse(
        "1793714731614-70efbb60-7056-4fa5-8478-8438ffc661d9-cam-audio-/1793714734711").isEmpty());
    // Too many digits for epoch milliseconds: not a key this code understands.
    assertTrue(DailyTrackKey.parse(
        "1793714731614000000000-70efbb60-7056-4fa5-8478-8438ffc661d9-cam-audio-1793714734711").isEmpty());
    assertFalse(DailyTrackKey.isCamAudio("room/1-x-screen-audio-2"));
  }
}
