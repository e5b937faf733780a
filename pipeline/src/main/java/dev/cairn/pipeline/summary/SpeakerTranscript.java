package dev.cairn.pipeline.summary;

import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.model.Word;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The "speaker transcript" the summary prompts read (upstream §6.3): words cut into segments by
 * {@code words_to_segments}, one {@code "Name: text"} line per segment. Stateless and thread-safe.
 */
public final class SpeakerTranscript {
  /** Once a segment is longer than this many characters, it is cut after the next word carrying punctuation. */
  public static final int MAX_SEGMENT_CHARS = 120;

  private static final String SENTENCE_PUNCTUATION = ".;:?!\u2026";

  private SpeakerTranscript() {}

  /**
   * Builds the transcript lines, joined by {@code \n}. A new segment starts when the speaker changes, or after a word
   * containing one of {@code . ; : ? ! …} once the segment exceeds {@link #MAX_SEGMENT_CHARS} characters. Segment
   * text is the plain concatenation of the words' own text (which carries their leading spaces), trimmed.
   *
   * @param words the meeting's words in time order
   * @param participants names by speaker index; a speaker without a named participant is {@code "Speaker N"}
   */
  public static String build(List<Word> words, List<Participant> participants) {
    Objects.requireNonNull(words, "words");
    Objects.requireNonNull(participants, "participants");
    Map<Integer, String> names = new HashMap<>();
    for (Participant participant : participants) {
      if (participant.name() != null && !participant.name().isBlank()) {
        names.putIfAbsent(participant.speaker(), participant.name().strip());
      }
    }
    StringBuilder transcript = new StringBuilder();
    StringBuilder segment = new StringBuilder();
    int speaker = 0;
    for (Word word : words) {
      if (segment.length() > 0 && word.speaker() != speaker) {
        appendLine(transcript, names, speaker, segment);
      }
      speaker = word.speaker();
      segment.append(word.text());
      if (segment.length() > MAX_SEGMENT_CHARS && hasPunctuation(word.text())) {
        appendLine(transcript, names, speaker, segment);
      }
    }
    if (segment.length() > 0) {
      appendLine(transcript, names, speaker, segment);
    }
    return transcript.toString();
  }

  private static void appendLine(StringBuilder transcript, Map<Integer, String> names, int speaker,
      StringBuilder segment) {
    String text = segment.toString().strip();
    segment.setLength(0);
    if (text.isEmpty()) {
      return;
    }
    if (transcript.length() > 0) {
      transcript.append('\n');
    }
    transcript.append(names.getOrDefault(speaker, "Speaker " + speaker)).append(": ").append(text);
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
