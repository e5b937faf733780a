package dev.cairn.pipeline.transcription;

import dev.cairn.pipeline.model.Word;
import java.util.List;

/** Speech to words for one (padded) track. Implementations return words sorted by start, speaker 0. */
public interface Transcriber {
  List<Word> transcribe(TranscriptionRequest request);

  /** A line for logs and the demo's report, e.g. "recorded answers from samples/..." (never a secret). */
  String describe();
}
