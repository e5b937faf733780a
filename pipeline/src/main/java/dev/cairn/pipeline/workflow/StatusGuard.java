package dev.cairn.pipeline.workflow;

import dev.cairn.pipeline.transcript.TranscriptStatus;
import dev.cairn.pipeline.transcript.TranscriptStore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the transcript's status honest around a step (pipeline spec: any step failure sets {@code error}, a later
 * success sets it back): back to {@code ended} when finalize has already finished the text (the mixdown and the
 * waveform may still be running then), else to {@code processing}. Only ordinary exceptions count: the engine's
 * suspension of a waiting step is an {@link Error} and passes through untouched.
 */
final class StatusGuard {
  private static final Logger LOG = LoggerFactory.getLogger(StatusGuard.class);

  private StatusGuard() {}

  static <T> T run(TranscriptStore transcripts, String transcriptId, String step, Supplier<T> body) {
    T result;
    try {
      result = body.get();
    } catch (RuntimeException failure) {
      markError(transcripts, transcriptId, step, failure);
      throw failure;
    }
    if (transcripts.status(transcriptId) == TranscriptStatus.ERROR) {
      transcripts.setStatus(transcriptId,
          transcripts.textFinished(transcriptId) ? TranscriptStatus.ENDED : TranscriptStatus.PROCESSING);
    }
    return result;
  }

  private static void markError(TranscriptStore transcripts, String transcriptId, String step, RuntimeException failure) {
    LOG.warn("step {} failed for transcript {}: {}", step, transcriptId, failure.toString());
    try {
      transcripts.setStatus(transcriptId, TranscriptStatus.ERROR);
    } catch (RuntimeException storeFailure) {
      // The step's own failure is what the engine must record; a store outage must not hide it.
      failure.addSuppressed(storeFailure);
    }
  }
}
