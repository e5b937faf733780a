package dev.cairn.pipeline.transcription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.pipeline.model.Word;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a transcription answer {@code {"text": ..., "words": [{"word", "start", "end"}, ...]}} into words with
 * speaker 0, sorted by start. The sort is stable, so words the service gives the same start keep their order.
 * Errors are {@link TranscriptionException}s prefixed with the service's description.
 */
final class WordsAnswer {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private WordsAnswer() {}

  static List<Word> parse(String service, byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new TranscriptionException(service + " answered something that is not JSON (" + e.getOriginalMessage()
          + "): " + excerpt(body), e);
    } catch (IOException e) {
      throw new TranscriptionException(service + " answer could not be read", e);
    }
    JsonNode words = root == null ? null : root.get("words");
    if (words == null || !words.isArray()) {
      // An empty list is legal (silence); no list at all means the service did not do the job.
      throw new TranscriptionException(service + " answered without a \"words\" list: " + excerpt(body));
    }
    List<Word> result = new ArrayList<>(words.size());
    for (JsonNode word : words) {
      result.add(word(service, word, result.size()));
    }
    result.sort(Comparator.comparingDouble(Word::start));
    return List.copyOf(result);
  }

  private static Word word(String service, JsonNode word, int index) {
    JsonNode text = word.get("word");
    JsonNode start = word.get("start");
    JsonNode end = word.get("end");
    if (text == null || !text.isTextual() || start == null || !start.isNumber() || end == null
        || !end.isNumber()) {
      throw new TranscriptionException(service + " answered a malformed words[" + index
          + "] (needs string \"word\", numbers \"start\" and \"end\"): " + word);
    }
    return new Word(text.asText(), start.asDouble(), end.asDouble(), 0);
  }

  static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
