package dev.cairn.pipeline.workflow;

import dev.cairn.pipeline.model.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Topic chunking (upstream §6.1): consecutive slices of {@value #WORDS_PER_CHUNK} merged words. */
final class Chunks {
  static final int WORDS_PER_CHUNK = 300;

  private Chunks() {}

  /** {@code [from, to)} bounds of each chunk of {@code wordCount} words. */
  static List<int[]> bounds(int wordCount) {
    List<int[]> bounds = new ArrayList<>();
    for (int from = 0; from < wordCount; from += WORDS_PER_CHUNK) {
      bounds.add(new int[] {from, Math.min(wordCount, from + WORDS_PER_CHUNK)});
    }
    return bounds;
  }

  /** The words' text joined with single spaces (ASR tokens carry their own leading or trailing space). */
  static String text(List<Word> words) {
    return words.stream().map(word -> word.text().strip()).filter(text -> !text.isEmpty())
        .collect(Collectors.joining(" "));
  }
}
