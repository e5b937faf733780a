package dev.cairn.pipeline.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.model.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakerTranscriptTest {
  private static final List<Participant> PARTICIPANTS = List.of(new Participant("a", 0, "Ann Lee", null),
      new Participant("b", 1, "Bo Kim", null));

  private static List<Word> words(int speaker, String text) {
    List<Word> words = new ArrayList<>();
    for (String token : text.split(" ")) {
      words.add(new Word(" " + token, 0, 0, speaker));
    }
    return words;
  }

  @Test
  void aSpeakerChangeStartsANewLineNamedByParticipant() {
    List<Word> words = new ArrayList<>(words(0, "Hello there."));
    words.addAll(words(1, "Hi Ann, how are you"));
    words.addAll(words(0, "Fine."));

    assertEquals("Ann Lee: Hello there.\nBo Kim: Hi Ann, how are you\nAnn Lee: Fine.",
        SpeakerTranscript.build(words, PARTICIPANTS));
  }

  @Test
  void anUnknownSpeakerIsSpeakerN() {
    assertEquals("Speaker 3: Who am I?", SpeakerTranscript.build(words(3, "Who am I?"), PARTICIPANTS));
  }

  @Test
  void aLongSegmentIsCutAfterPunctuationOnlyOnceItExceeds120Characters() {
    // 22 words of " wordNN" = 7 chars each: 154 chars; the full stop after word 05 comes at 36 chars (no cut),
    // the comma after word 19 is not a cut point, the "?" after word 20 comes at 143 chars (cut).
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 22; i++) {
      text.append(String.format(" word%02d", i)).append(i == 5 ? "." : i == 19 ? "," : i == 20 ? "?" : "");
    }
    List<Word> words = words(0, text.toString().strip());

    String transcript = SpeakerTranscript.build(words, PARTICIPANTS);

    String[] lines = transcript.split("\n");
    assertEquals(2, lines.length, transcript);
    assertEquals(true, lines[0].endsWith("word20?"), lines[0]);
    assertEquals("Ann Lee: word21 word22", lines[1]);
  }

  @Test
  void textIsTheConcatenationOfRawWordTexts() {
    List<Word> words = List.of(new Word(" Hel", 0, 0, 0), new Word("lo", 0, 0, 0), new Word(" world", 0, 0, 0));

    assertEquals("Ann Lee: Hello world", SpeakerTranscript.build(words, PARTICIPANTS));
  }
}
