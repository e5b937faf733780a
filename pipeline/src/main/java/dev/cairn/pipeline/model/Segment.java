package dev.cairn.pipeline.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of one speaker's words (upstream's {@code words_to_segments}): a new segment starts when the speaker
 * changes, or after a word carrying sentence punctuation ({@code . ; : ? ! …}) once the segment is longer than
 * {@value #MAX_CHARS} characters. {@code text} is the words' own text concatenated (it carries their spaces),
 * trimmed; times are the first word's start and the last word's end.
 */
public record Segment(int speaker, String text, double start, double end) {
  public static final int MAX_CHARS = 120;
  private static final String SENTENCE_PUNCTUATION = ".;:?!\u2026";

  /** The segments of {@code words} (in time order); segments with no text are dropped. */
  public static List<Segment> of(List<Word> words) {
    List<Segment> segments = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    Word first = null;
    Word last = null;
    for (Word word : words) {
      if (first != null && word.speaker() != first.speaker()) {
        add(segments, first, last, text);
        first = null;
      }
      if (first == null) {
        first = word;
      }
      last = word;
      text.append(word.text());
      if (text.length() > MAX_CHARS && hasPunctuation(word.text())) {
        add(segments, first, last, text);
        first = null;
      }
    }
    if (first != null) {
      add(segments, first, last, text);
    }
    return segments;
  }

  private static void add(List<Segment> segments, Word first, Word last, StringBuilder text) {
    String stripped = text.toString().strip();
    text.setLength(0);
    if (!stripped.isEmpty()) {
      segments.add(new Segment(first.speaker(), stripped, first.start(), last.end()));
    }
  }

  private static boolean hasPunctuation(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (SENTENCE_PUNCTUATION.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
