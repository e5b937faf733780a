package dev.cairn.pipeline.audio;

/** Receives the progress of a {@link Mixdown}; the workflow turns it into progress events. */
@FunctionalInterface
public interface MixProgress {
  /** Ignores progress. */
  MixProgress NONE = (processed, total) -> {};

  /**
   * @param processedSeconds audio mixed so far
   * @param totalSecondsEstimate the longest input's container duration (an estimate: containers may lie), or the
   *     processed time if no input declares a duration
   */
  void progress(double processedSeconds, double totalSecondsEstimate);
}
