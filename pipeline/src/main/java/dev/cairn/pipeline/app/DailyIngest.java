package dev.cairn.pipeline.app;

import dev.cairn.Runs;
import dev.cairn.TriggerOptions;
import dev.cairn.pipeline.daily.DailyFields;
import dev.cairn.pipeline.daily.DailyRecording;
import dev.cairn.pipeline.daily.DailyTrackKey;
import dev.cairn.pipeline.daily.InvalidFieldException;
import dev.cairn.pipeline.transcript.MeetingStore;
import dev.cairn.pipeline.transcript.Recording;
import dev.cairn.pipeline.transcript.Room;
import dev.cairn.pipeline.transcript.TranscriptStore;
import dev.cairn.pipeline.workflow.DiarizationPipeline;
import dev.cairn.pipeline.workflow.PipelineServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finished Daily raw-tracks recording becomes a recording row, a transcript and a pipeline run (upstream §1.2).
 * The run's idempotency key is the recording id, so a redelivered webhook or a second ingest starts nothing new.
 */
public final class DailyIngest {
  /** The metadata key of a pipeline run naming its transcript. */
  public static final String TRANSCRIPT_ID = "transcript_id";
  private static final Pattern ROOM_TIMESTAMP = Pattern.compile("^(.*)-(\\d{14})$");
  private static final Duration MEETING_WINDOW = Duration.ofHours(168);

  private final TranscriptStore transcripts;
  private final MeetingStore meetings;
  private final Runs runs;
  private final String dailyBucket;

  public DailyIngest(TranscriptStore transcripts, MeetingStore meetings, Runs runs, String dailyBucket) {
    this.transcripts = transcripts;
    this.meetings = meetings;
    this.runs = runs;
    this.dailyBucket = dailyBucket;
  }

  /** The ingest for a process's parts, writing to the Daily bucket its configuration names. */
  public static DailyIngest of(PipelineServices services, Runs runs, PipelineConfig config) {
    return new DailyIngest(services.transcripts(), services.meetings(), runs,
        config.require(Setting.DAILYCO_STORAGE_AWS_BUCKET_NAME));
  }

  /** The bucket Daily writes raw tracks to. */
  public String dailyBucket() {
    return dailyBucket;
  }

  /** What an ingest did: the transcript and the run (the same ones again for a redelivery). */
  public record Started(String transcriptId, UUID runId, String recordingId) {}

  /**
   * Records the recording and starts (or finds) its run. Every argument is checked against {@link DailyFields}
   * before anything is written.
   *
   * @throws InvalidFieldException naming the argument out of bounds (nothing written)
   * @throws IllegalArgumentException if the recording has no cam-audio track (nothing written)
   */
  public Started ingest(String recordingId, String dailyRoomName, long startTs, List<DailyRecording.DailyTrack> tracks) {
    DailyFields.recording("", recordingId, dailyRoomName, startTs, tracks);
    List<String> audioKeys = tracks.stream().filter(t -> "audio".equals(t.type())).map(DailyRecording.DailyTrack::s3Key)
        .toList();
    List<String> camAudio = DailyTrackKey.camAudioKeys(audioKeys);
    if (camAudio.isEmpty()) {
      throw new IllegalArgumentException("recording " + recordingId + " has no cam-audio tracks (" + tracks.size()
          + " tracks given)");
    }
    Instant recordedAt = recordedAt(camAudio.get(0), startTs);
    String baseRoomName = baseRoomName(dailyRoomName);
    Optional<Room> room = meetings.roomByName(baseRoomName);
    String meetingId = meetings.meetingNear(dailyRoomName, recordedAt, MEETING_WINDOW).orElseGet(() -> {
      // Upstream waits for its meeting table to know the meeting; here a recording brings its own when none is known.
      String id = UUID.randomUUID().toString();
      meetings.saveMeeting(id, room.map(Room::id).orElse(null), dailyRoomName, recordedAt);
      return id;
    });
    Recording recording = meetings.saveRecording(new Recording(recordingId, dailyBucket, folder(camAudio.get(0)),
        recordedAt, meetingId, dailyRoomName, audioKeys));
    String roomId = room.map(Room::id).orElse(null);
    String transcriptId = transcripts.transcriptForRecording(recordingId, recording.meetingId(), roomId);
    UUID runId = start(transcriptId, recording, camAudio, roomId, false);
    return new Started(transcriptId, runId, recordingId);
  }

  UUID start(String transcriptId, Recording recording, List<String> camAudio, String roomId, boolean fresh) {
    return start(transcriptId, recording, camAudio, roomId, fresh, false);
  }

  /** As above; {@code reprocess} marks the run as the nightly reprocess's ({@code reprocess=true}, as upstream). */
  UUID start(String transcriptId, Recording recording, List<String> camAudio, String roomId, boolean fresh,
      boolean reprocess) {
    DiarizationPipeline.Input input = input(transcriptId, recording, camAudio, roomId);
    TriggerOptions.Builder options = TriggerOptions.builder()
        .metadata(TRANSCRIPT_ID, transcriptId)
        .metadata("recording_id", recording.id())
        .metadata("daily_recording_id", recording.id());
    if (reprocess) {
      options.metadata("reprocess", "true");
    }
    // A forced restart must not be folded into the earlier run by the recording's idempotency key.
    options.idempotencyKey(fresh ? recording.id() + "/" + UUID.randomUUID() : recording.id());
    UUID runId = runs.trigger(DiarizationPipeline.NAME, input, options.build()).id();
    transcripts.setWorkflowRunId(transcriptId, runId);
    return runId;
  }

  /** The pipeline's input for a transcript of {@code recording}: its cam-audio tracks, in speaker order. */
  static DiarizationPipeline.Input input(String transcriptId, Recording recording, List<String> camAudio,
      String roomId) {
    return new DiarizationPipeline.Input(recording.id(), camAudio.stream().map(DiarizationPipeline.Track::new).toList(),
        recording.bucketName(), transcriptId, roomId);
  }

  static String baseRoomName(String dailyRoomName) {
    Matcher matcher = ROOM_TIMESTAMP.matcher(dailyRoomName == null ? "" : dailyRoomName);
    return matcher.matches() ? matcher.group(1) : dailyRoomName;
  }

  /** From the {@code YYYYMMDDHHMMSS} suffix of the folder holding the track, else Daily's start time. */
  static Instant recordedAt(String firstKey, long startTs) {
    return DailyTrackKey.folderTime(firstKey)
        .orElseGet(() -> startTs > 0 ? Instant.ofEpochSecond(startTs) : Instant.now());
  }

  private static String folder(String key) {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }
}
