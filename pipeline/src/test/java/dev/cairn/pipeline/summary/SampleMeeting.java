package dev.cairn.pipeline.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.model.Word;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sample Daily meeting of {@code samples/daily-sample/expected.json}: words, participants, expectations. */
record SampleMeeting(List<Word> words, List<Participant> participants, JsonNode expected) {
  static SampleMeeting load() throws IOException {
    JsonNode expected = new ObjectMapper().readTree(Path.of("..", "samples", "daily-sample", "expected.json").toFile());
    List<Word> words = new ArrayList<>();
    for (JsonNode word : expected.get("words")) {
      words.add(new Word(word.get("text").asText(), word.get("start").asDouble(), word.get("end").asDouble(),
          word.get("speaker").asInt()));
    }
    List<Participant> participants = new ArrayList<>();
    for (JsonNode track : expected.get("tracks")) {
      participants.add(new Participant(track.get("participant_id").asText(), track.get("index").asInt(),
          track.get("participant_name").asText(), track.path("user_id").isNull() ? null
              : track.path("user_id").asText()));
    }
    return new SampleMeeting(List.copyOf(words), List.copyOf(participants), expected);
  }

  /** Upstream §6.1 chunking: consecutive slices of {@code size} words, text = word texts joined by " ". */
  List<String> chunks(int size) {
    List<String> chunks = new ArrayList<>();
    for (int from = 0; from < words.size(); from += size) {
      List<String> texts = words.subList(from, Math.min(words.size(), from + size)).stream().map(Word::text).toList();
      chunks.add(String.join(" ", texts));
    }
    return chunks;
  }
}
