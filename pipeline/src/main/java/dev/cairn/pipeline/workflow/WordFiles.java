package dev.cairn.pipeline.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.storage.ObjectStorage;
import dev.cairn.pipeline.storage.StorageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Word lists stored as JSON objects, so step outputs carry a key instead of thousands of words. */
final class WordFiles {
  private static final TypeReference<List<Word>> WORDS = new TypeReference<>() {};

  private final ObjectStorage storage;
  private final ObjectMapper json;

  WordFiles(ObjectStorage storage, ObjectMapper json) {
    this.storage = storage;
    this.json = json;
  }

  void write(StorageRef ref, List<Word> words) {
    try {
      storage.putBytes(ref, json.writeValueAsBytes(words), "application/json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write words to " + ref, e);
    }
  }

  List<Word> read(StorageRef ref) {
    try {
      return json.readValue(storage.getBytes(ref), WORDS);
    } catch (IOException e) {
      throw new UncheckedIOException("words at " + ref + " do not read as a word list", e);
    }
  }
}
