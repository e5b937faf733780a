package dev.cairn.pipeline.summary;

import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.model.Segment;
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
  public static final int MAX_SEGMENT_CHARS = Segment.MAX_CHARS;

  private SpeakerTranscript() {}

  /**
   * Builds the transcript lines, joined by {@code \n}: one per {@link Segment} of {@code words}, named by its
   * speaker.
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
    for (Segment segment : Segment.of(words)) {
      if (transcript.length() > 0) {
        transcript.append('\n');
      }
      transcript.append(names.getOrDefault(segment.speaker(), "Speaker " + segment.speaker())).append(": ")
          .append(segment.text());
    }
    return transcript.toString();
  }
}
