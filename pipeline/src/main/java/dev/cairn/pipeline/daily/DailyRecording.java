package dev.cairn.pipeline.daily;

import java.util.List;

/**
 * Daily's recording: {@code duration} is whole seconds and may be null, {@code mtgSessionId} may be null
 * (then participants cannot be fetched).
 */
public record DailyRecording(String id, String roomName, long startTs, String status, Integer duration,
    String mtgSessionId, String s3key, List<DailyTrack> tracks) {

  /** One entry of {@code tracks}: {@code type} is {@code audio} or {@code video}; only cam-audio keys are speakers. */
  public record DailyTrack(String type, String s3Key, long size) {}
}
