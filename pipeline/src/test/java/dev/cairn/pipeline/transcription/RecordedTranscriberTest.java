package dev.cairn.pipeline.transcription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.pipeline.model.Word;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedTranscriberTest {
  private static final Path SAMPLE = Path.of("../samples/daily-sample");
  private static final String RECORDING_ID = "e0054b6a-809f-4983-ad28-753c713b28f6";

  @Test
  void trackZeroStartsWithSpeakerZerosFirstExpectedWord() throws Exception {
    JsonNode expected = new ObjectMapper().readTree(SAMPLE.resolve("expected.json").toFile());
    JsonNode firstOfSpeakerZero = null;
    for (JsonNode word : expected.get("words")) {
      if (word.get("speaker").asInt() == 0) {
        firstOfSpeakerZero = word;
        break;
      }
    }
    List<Word> words = new RecordedTranscriber(SAMPLE.getParent()).transcribe(request(0));

    Word first = words.get(0);
    assertEquals(firstOfSpeakerZero.get("text").asText(), first.text());
    assertEquals(firstOfSpeakerZero.get("start").asDouble(), first.start());
    assertEquals(0, first.speaker());
    for (int i = 1; i < words.size(); i++) {
      assertTrue(words.get(i - 1).start() <= words.get(i).start(), "sorted at " + i);
    }
  }

  @Test
  void missingTrackNamesTheFile() {
    TranscriptionException e = assertThrows(TranscriptionException.class,
        () -> new RecordedTranscriber(SAMPLE).transcribe(request(7)));
    assertTrue(e.getMessage().contains("words/track-7.json"), e.getMessage());
  }

  @Test
  void unknownRecordingIsNamed() {
    TranscriptionException e = assertThrows(TranscriptionException.class, () -> new RecordedTranscriber(SAMPLE)
        .transcribe(new TranscriptionRequest(() -> URI.create("http://unused"), "other-recording", 0, "en")));
    assertTrue(e.getMessage().contains("other-recording"), e.getMessage());
  }

  @Test
  void describeSaysNoServiceIsUsed() {
    assertEquals("recorded answers (no ASR service) from " + SAMPLE, new RecordedTranscriber(SAMPLE).describe());
  }

  private static TranscriptionRequest request(int track) {
    return new TranscriptionRequest(() -> {
      throw new AssertionError("recorded answers must not presign a URL");
    }, RECORDING_ID, track, "en");
  }
}
