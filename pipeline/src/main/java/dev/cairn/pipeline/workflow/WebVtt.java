package dev.cairn.pipeline.workflow;

import dev.cairn.pipeline.model.Segment;
import dev.cairn.pipeline.model.Word;
import java.util.List;
import java.util.Locale;

/** WebVTT of a word list (upstream §8.6): one cue per {@link Segment}, {@code <v Speaker{n}>text}. */
final class WebVtt {
  private WebVtt() {}

  static String render(List<Word> words) {
    StringBuilder vtt = new StringBuilder("WEBVTT\n");
    for (Segment segment : Segment.of(words)) {
      vtt.append('\n').append(time(segment.start())).append(" --> ").append(time(segment.end())).append('\n')
          .append("<v Speaker").append(segment.speaker()).append('>').append(segment.text()).append('\n');
    }
    return vtt.toString();
  }

  private static String time(double seconds) {
    long millis = Math.round(seconds * 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, millis % 1000);
  }
}
