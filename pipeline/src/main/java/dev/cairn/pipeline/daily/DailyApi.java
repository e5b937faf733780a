package dev.cairn.pipeline.daily;

import java.util.List;

/** The two Daily REST calls the pipeline makes (upstream §3.1, §3.2). */
public interface DailyApi {
  /** {@code GET /v1/recordings/{id}}. Throws {@link DailyApiException} naming the recording and the status. */
  DailyRecording recording(String recordingId);

  /** {@code GET /v1/meetings/{mtgSessionId}/participants} (first page, as upstream). */
  List<DailyParticipant> participants(String mtgSessionId);
}
