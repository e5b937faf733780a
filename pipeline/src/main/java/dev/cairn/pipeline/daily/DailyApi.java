package dev.cairn.pipeline.daily;

import java.util.List;

/** The Daily REST calls the pipeline makes (upstream §1.1 polling, §3.1, §3.2). */
public interface DailyApi {
  /**
   * {@code GET /v1/recordings?limit=N}: the latest recordings, newest first (the poller's call, upstream §1.1).
   * Throws {@link DailyApiException} naming the call and the status.
   */
  List<DailyRecording> recordings(int limit);

  /** {@code GET /v1/recordings/{id}}. Throws {@link DailyApiException} naming the recording and the status. */
  DailyRecording recording(String recordingId);

  /** {@code GET /v1/meetings/{mtgSessionId}/participants} (first page, as upstream). */
  List<DailyParticipant> participants(String mtgSessionId);
}
