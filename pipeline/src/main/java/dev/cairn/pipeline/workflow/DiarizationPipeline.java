package dev.cairn.pipeline.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.ChildSpec;
import dev.cairn.Concurrency;
import dev.cairn.NonRetryableException;
import dev.cairn.Parent;
import dev.cairn.RateLimit;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.WorkerLabel;
import dev.cairn.Workflow;
import dev.cairn.pipeline.daily.DailyParticipant;
import dev.cairn.pipeline.daily.DailyRecording;
import dev.cairn.pipeline.daily.DailyTrackKey;
import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.storage.StorageRef;
import dev.cairn.pipeline.transcript.TranscriptStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reflector's Daily.co multitrack pipeline (pipeline spec "The DAG"):
 *
 * <pre>
 * get_recording → get_participants → process_tracks (TrackProcessing child per track; merge by start)
 * process_tracks → mixdown_tracks → generate_waveform
 * process_tracks → detect_topics (TopicChunkProcessing child per 300 words) → generate_title, generate_summary
 * finalize ← process_tracks, generate_title, generate_summary           (transcript becomes ended)
 * cleanup_consent ← finalize, generate_waveform
 * post_zulip ← cleanup_consent;  send_webhook ← cleanup_consent
 * </pre>
 *
 * Timeouts, retries and flow control are upstream's (§2.2): one run per transcript (a new run cancels the one in
 * progress, which is how {@code process --force} restarts), the mixdown only on {@code pool=cpu-heavy} workers and
 * one at a time in the whole system, LLM steps take units of the shared {@code llm} rate limit. Every step up to {@code finalize} marks the transcript {@code error}
 * when it fails; the three after it never do (a notification problem must not undo a finished transcript).
 */
@Workflow(name = "DiarizationPipeline", version = "1")
@Concurrency(key = "{/transcript_id}", max = 1, strategy = Concurrency.Strategy.CANCEL_IN_PROGRESS)
public final class DiarizationPipeline {
  public static final String NAME = "DiarizationPipeline";

  /** The run input (upstream §1.3); the order of {@code tracks} is the speaker index. */
  public record Input(@JsonProperty("recording_id") String recordingId, List<Track> tracks,
      @JsonProperty("bucket_name") String bucketName, @JsonProperty("transcript_id") String transcriptId,
      @JsonProperty("room_id") String roomId) {}

  /** One cam-audio track of the recording. */
  public record Track(@JsonProperty("s3_key") String s3Key) {}

  public record RecordingInfo(String id, @JsonProperty("mtg_session_id") String mtgSessionId, Integer duration) {}

  public record ParticipantsInfo(List<Participant> participants, @JsonProperty("num_tracks") int numTracks,
      @JsonProperty("source_language") String sourceLanguage) {}

  /** The merged words live at {@code words}; {@code paddedTracks} in track order. */
  public record MergedTracks(@JsonProperty("padded_tracks") List<StorageRef> paddedTracks, StorageRef words,
      @JsonProperty("word_count") int wordCount, @JsonProperty("num_tracks") int numTracks,
      @JsonProperty("created_padded_files") List<StorageRef> createdPaddedFiles) {}

  public record Mixdown(StorageRef audio, @JsonProperty("duration_ms") double durationMs,
      @JsonProperty("tracks_mixed") int tracksMixed) {}

  public record WaveformInfo(int points) {}

  public record Topics(List<TopicChunkProcessing.ChunkTopic> topics) {}

  public record Title(String title) {}

  public record Summary(@JsonProperty("short_summary_chars") int shortSummaryChars,
      @JsonProperty("long_summary_chars") int longSummaryChars, int decisions,
      @JsonProperty("next_steps") int nextSteps) {}

  public record Finalized(String status) {}

  public record Consent(@JsonProperty("audio_deleted") boolean audioDeleted, String reason) {}

  public record Zulip(@JsonProperty("message_id") Long messageId, boolean skipped) {}

  public record WebhookSent(boolean sent, @JsonProperty("status_code") Integer statusCode, int attempts,
      String skipped) {}

  private final PipelineServices services;
  private final Aftercare aftercare;

  public DiarizationPipeline(PipelineServices services) {
    this.services = services;
    this.aftercare = new Aftercare(services);
  }

  @Step(name = "get_recording", timeout = "60s", retries = 3)
  RecordingInfo getRecording(Input input) {
    if (services.transcripts().find(input.transcriptId()).isEmpty()) {
      // Nothing to record progress in, and no retry will create it.
      throw new NonRetryableException("no transcript with id " + input.transcriptId());
    }
    return guarded(input, "get_recording", () -> {
      InputCheck.requireValid(input);
      services.transcripts().setStatus(input.transcriptId(), TranscriptStatus.PROCESSING);
      DailyRecording recording = services.daily().recording(input.recordingId());
      return new RecordingInfo(recording.id(), recording.mtgSessionId(), recording.duration());
    });
  }

  @Step(name = "get_participants", parents = "get_recording", timeout = "60s", retries = 3)
  ParticipantsInfo getParticipants(Input input, @Parent("get_recording") RecordingInfo recording) {
    return guarded(input, "get_participants", () -> {
      String transcriptId = input.transcriptId();
      double durationMs = recording.duration() == null ? 0 : recording.duration() * 1000.0;
      services.transcripts().resetForProcessing(transcriptId, durationMs);
      if (recording.mtgSessionId() == null) {
        throw new IllegalStateException("Daily recording " + recording.id() + " has no mtgSessionId: "
            + "its participants cannot be fetched");
      }
      Map<String, DailyParticipant> byId = new HashMap<>();
      for (DailyParticipant participant : services.daily().participants(recording.mtgSessionId())) {
        byId.put(participant.participantId(), participant);
      }
      List<Participant> participants = new ArrayList<>();
      for (int index = 0; index < input.tracks().size(); index++) {
        DailyTrackKey key = DailyTrackKey.parse(input.tracks().get(index).s3Key()).orElseThrow();
        Optional<DailyParticipant> known = Optional.ofNullable(byId.get(key.participantId()));
        String name = known.map(DailyParticipant::userName).filter(n -> !n.isBlank()).orElse("Speaker " + index);
        participants.add(new Participant(key.participantId(), index, name,
            known.map(DailyParticipant::userId).orElse(null)));
      }
      services.transcripts().upsertParticipants(transcriptId, participants);
      String language = services.transcripts().get(transcriptId).sourceLanguage();
      return new ParticipantsInfo(participants, input.tracks().size(), language);
    });
  }

  @Step(name = "process_tracks", parents = "get_participants", timeout = "600s", retries = 3)
  MergedTracks processTracks(Input input, @Parent("get_participants") ParticipantsInfo participants,
      StepContext ctx) {
    return guarded(input, "process_tracks", () -> {
      List<ChildSpec> children = new ArrayList<>();
      for (int index = 0; index < input.tracks().size(); index++) {
        children.add(ChildSpec.of("track-" + index, new TrackProcessing.Input(index,
            input.tracks().get(index).s3Key(), input.bucketName(), input.transcriptId(), input.recordingId(),
            participants.sourceLanguage())));
      }
      List<TrackProcessing.Transcribed> tracks =
          ctx.runChildren("TrackProcessing", children, TrackProcessing.Transcribed.class);
      return merge(input.transcriptId(), tracks);
    });
  }

  @Step(name = "mixdown_tracks", parents = "process_tracks", timeout = "720s", retries = 3)
  @WorkerLabel(key = PipelineLimits.POOL, value = PipelineLimits.CPU_HEAVY)
  @Concurrency(key = "mixdown-global", max = 1)
  Mixdown mixdownTracks(Input input, @Parent("process_tracks") MergedTracks tracks, StepContext ctx) {
    return guarded(input, "mixdown_tracks", () -> new AudioSteps(services).mixdown(input.transcriptId(), tracks,
        ctx));
  }

  @Step(name = "generate_waveform", parents = "mixdown_tracks", timeout = "300s", retries = 3)
  WaveformInfo generateWaveform(Input input, @Parent("mixdown_tracks") Mixdown mixdown) {
    return guarded(input, "generate_waveform",
        () -> new AudioSteps(services).waveform(input.transcriptId(), mixdown.audio()));
  }

  @Step(name = "detect_topics", parents = "process_tracks", timeout = "600s", retries = 3)
  Topics detectTopics(Input input, @Parent("process_tracks") MergedTracks tracks, StepContext ctx) {
    return guarded(input, "detect_topics", () -> new TextSteps(services).detectTopics(input.transcriptId(),
        tracks, ctx));
  }

  @Step(name = "generate_title", parents = "detect_topics", timeout = "600s", retries = 3)
  @RateLimit(name = PipelineLimits.LLM, units = "1")
  Title generateTitle(Input input, @Parent("detect_topics") Topics topics) {
    return guarded(input, "generate_title", () -> new TextSteps(services).title(input.transcriptId(), topics));
  }

  @Step(name = "generate_summary", parents = {"detect_topics", "process_tracks"}, timeout = "600s", retries = 3)
  @RateLimit(name = PipelineLimits.LLM, units = "2")
  Summary generateSummary(Input input, @Parent("detect_topics") Topics topics,
      @Parent("process_tracks") MergedTracks tracks) {
    return guarded(input, "generate_summary",
        () -> new TextSteps(services).summary(input.transcriptId(), tracks, topics));
  }

  @Step(name = "finalize", parents = {"process_tracks", "generate_title", "generate_summary"}, timeout = "60s",
      retries = 3)
  Finalized finalizeTranscript(Input input) {
    return guarded(input, "finalize", () -> {
      services.transcripts().finish(input.transcriptId());
      return new Finalized("COMPLETED");
    });
  }

  /**
   * Deletes the padded tracks here, not in {@code finalize} as upstream does: the mixdown reads them, and with one
   * mixdown at a time in the whole system it may well start after {@code finalize}; this step waits for it (through
   * {@code generate_waveform}).
   */
  @Step(name = "cleanup_consent", parents = {"finalize", "generate_waveform"}, timeout = "60s", retries = 3)
  Consent cleanupConsent(Input input, @Parent("process_tracks") MergedTracks tracks) {
    aftercare.deleteTemporaryFiles(tracks.createdPaddedFiles());
    return aftercare.cleanupConsent(input);
  }

  @Step(name = "post_zulip", parents = "cleanup_consent", timeout = "60s", retries = 5)
  Zulip postZulip(Input input) {
    return aftercare.postZulip(input.transcriptId());
  }

  @Step(name = "send_webhook", parents = "cleanup_consent", timeout = "300s", retries = 5)
  WebhookSent sendWebhook(Input input) {
    return aftercare.sendWebhook(input.transcriptId());
  }

  private MergedTracks merge(String transcriptId, List<TrackProcessing.Transcribed> tracks) {
    WordFiles wordFiles = new WordFiles(services.storage(), services.json());
    List<Word> all = new ArrayList<>();
    List<StorageRef> padded = new ArrayList<>();
    List<StorageRef> temporary = new ArrayList<>();
    for (TrackProcessing.Transcribed track : tracks) {
      all.addAll(wordFiles.read(track.words()));
      padded.add(track.padded());
      if (track.size() > 0) {
        temporary.add(track.padded());
      }
    }
    // List.sort is stable: words starting together keep track order, as upstream's merge.
    all.sort(Comparator.comparingDouble(Word::start));
    StorageRef merged = new StorageRef(services.transcriptBucket(), PipelineKeys.words(transcriptId));
    wordFiles.write(merged, all);
    return new MergedTracks(padded, merged, all.size(), tracks.size(), temporary);
  }

  private <T> T guarded(Input input, String step, Supplier<T> body) {
    return StatusGuard.run(services.transcripts(), input.transcriptId(), step, body);
  }

  /** Input problems no retry can fix; they fail the run at its first step with the reason. */
  static final class InputCheck {
    private InputCheck() {}

    static void requireValid(Input input) {
      if (input.tracks() == null || input.tracks().isEmpty()) {
        throw new NonRetryableException("recording " + input.recordingId() + " has no audio tracks to process");
      }
      for (int index = 0; index < input.tracks().size(); index++) {
        String key = input.tracks().get(index).s3Key();
        if (DailyTrackKey.parse(key).isEmpty()) {
          throw new NonRetryableException("track " + index + " key '" + key + "' does not parse as a Daily "
              + "raw-track key {recording_start_ms}-{participant_id}-cam-audio-{track_start_ms}");
        }
      }
    }
  }
}
