package dev.cairn.pipeline.workflow;

/** Where the pipeline keeps its files in the transcript bucket. */
public final class PipelineKeys {
  private PipelineKeys() {}

  /** A padded track; temporary, deleted by {@code finalize}. */
  public static String paddedTrack(String transcriptId, int trackIndex) {
    return "file_pipeline/" + transcriptId + "/tracks/padded_" + trackIndex + ".webm";
  }

  /** One track's transcribed words (speaker = track index). */
  public static String trackWords(String transcriptId, int trackIndex) {
    return "file_pipeline/" + transcriptId + "/words/track_" + trackIndex + ".json";
  }

  /** All tracks' words merged by start time. */
  public static String words(String transcriptId) {
    return "file_pipeline/" + transcriptId + "/words.json";
  }

  /** The mixdown (kept; deleted only when consent is denied). */
  public static String audio(String transcriptId) {
    return transcriptId + "/audio.mp3";
  }
}
