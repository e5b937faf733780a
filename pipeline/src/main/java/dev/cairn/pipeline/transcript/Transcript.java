package dev.cairn.pipeline.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.pipeline.model.Participant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A transcript as read from the store, with its participants and topics. */
public record Transcript(
    String id,
    TranscriptStatus status,
    boolean locked,
    double durationMs,
    Instant createdAt,
    String title,
    String shortSummary,
    String longSummary,
    JsonNode actionItems,
    List<Double> waveform,
    String sourceLanguage,
    String targetLanguage,
    String audioLocation,
    Boolean audioDeleted,
    Long zulipMessageId,
    UUID workflowRunId,
    String recordingId,
    String meetingId,
    String roomId,
    List<Participant> participants,
    List<Topic> topics) {

  /** The participant name for a speaker index, falling back to {@code Speaker N} as upstream. */
  public String speakerName(int speaker) {
    return participants.stream().filter(p -> p.speaker() == speaker).map(Participant::name).findFirst()
        .orElse("Speaker " + speaker);
  }
}
