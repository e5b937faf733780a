package dev.cairn.pipeline.workflow;

import dev.cairn.pipeline.model.Word;
import java.util.List;
import java.util.Locale;

/**
 * WebVTT of a word list (upstream §8.6): one cue per segment, {@code <v Speaker{n}>text}. A segment ends where the
 * speaker changes, or after sentence punctuation once it is longer than 120 characters.
 */
final class WebVtt {
  private static final int LONG_SEGMENT = 120;

  private WebVtt() {}

  static String render(List<Word> words) {
    StringBuilder vtt = new StringBuilder("WEBVTT\n");
    int start = 0;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      Word word = words.get(i);
      text.append(word.text());
      boolean last = i == words.size() - 1;
      boolean speakerChanges = !last && words.get(i + 1).speaker() != word.speaker();
      boolean sentenceEnds = text.length() > LONG_SEGMENT && word.text().strip().matches(".*[.;:?!…]$");
      if (last || speakerChanges || sentenceEnds) {
        vtt.append('\n').append(time(words.get(start).start())).append(" --> ").append(time(word.end())).append('\n')
            .append("<v Speaker").append(word.speaker()).append('>').append(text.toString().strip()).append('\n');
        start = i + 1;
        text.setLength(0);
      }
    }
    return vtt.toString();
  }

  private static String time(double seconds) {
    long millis = Math.round(seconds * 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, millis % 1000);
  }
}
