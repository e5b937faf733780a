package dev.cairn.pipeline.transcription;

import dev.cairn.pipeline.daily.LocalDailyFolder;
import dev.cairn.pipeline.model.Word;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded default: answers recorded beside each recording, so the demo and tests run without an ASR
 * service. The layout is {@link LocalDailyFolder}'s; the answer for track N of a recording is
 * {@code words/track-N.json} in its folder, in the upstream service's answer shape. The audio URL is never used.
 *
 * <p>Thread-safe (it holds no state but the root).
 */
public final class RecordedTranscriber implements Transcriber {
  private final Path root;
  private final LocalDailyFolder recordings;

  /** @param root a directory laid out like {@link LocalDailyFolder}'s */
  public RecordedTranscriber(Path root) {
    this.recordings = new LocalDailyFolder(root);
    this.root = root;
  }

  @Override
  public List<Word> transcribe(TranscriptionRequest request) {
    if (request == null || request.recordingId() == null || request.recordingId().isBlank()) {
      throw new IllegalArgumentException("transcription request has no recording id");
    }
    Path folder = recordings.recordingFolder(request.recordingId()).orElseThrow(() -> new TranscriptionException(
        "no recorded answers: no recording " + request.recordingId() + " under " + root.toAbsolutePath()));
    Path file = folder.resolve("words").resolve("track-" + request.trackIndex() + ".json");
    if (!Files.isRegularFile(file)) {
      throw new TranscriptionException("no recorded answer for track " + request.trackIndex() + ": "
          + file.toAbsolutePath() + " does not exist");
    }
    try {
      return WordsAnswer.parse("recorded answer " + file.toAbsolutePath(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new TranscriptionException("cannot read recorded answer " + file.toAbsolutePath(), e);
    }
  }

  @Override
  public String describe() {
    return "recorded answers (no ASR service) from " + root;
  }

  @Override
  public String toString() {
    return "RecordedTranscriber[" + root + "]";
  }
}
