package dev.cairn.pipeline.workflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.NonRetryableException;
import dev.cairn.Parent;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Workflow;
import dev.cairn.pipeline.audio.AudioException;
import dev.cairn.pipeline.audio.StartOffsetProbe;
import dev.cairn.pipeline.audio.TrackPadder;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.storage.StorageRef;
import dev.cairn.pipeline.transcription.TranscriptionRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The child workflow for one audio track (upstream §4): pad the track with its start offset so that track time
 * equals meeting time, then transcribe it with speaker = track index.
 */
@Workflow(name = "TrackProcessing", version = "1")
public final class TrackProcessing {
  /** Presigned URLs are made when a service needs one, with upstream's validity, never stored. */
  static final Duration PRESIGN_VALIDITY = Duration.ofHours(2);

  /** One track of a recording. */
  public record Input(@JsonProperty("track_index") int trackIndex, @JsonProperty("s3_key") String s3Key,
      @JsonProperty("bucket_name") String bucketName, @JsonProperty("transcript_id") String transcriptId,
      @JsonProperty("recording_id") String recordingId, String language) {}

  /**
   * The padded track: {@code padded} is the original track when its offset was not positive (then {@code size}
   * is 0 and there is nothing temporary to delete).
   */
  public record Padded(@JsonProperty("track_index") int trackIndex, StorageRef padded, long size,
      @JsonProperty("offset_ms") long offsetMs) {}

  /** What the parent gets: where the padded audio and the words are. */
  public record Transcribed(@JsonProperty("track_index") int trackIndex, StorageRef padded, long size,
      StorageRef words, @JsonProperty("word_count") int wordCount) {}

  private final PipelineServices services;

  public TrackProcessing(PipelineServices services) {
    this.services = services;
  }

  @Step(name = "pad_track", timeout = "720s", retries = 3)
  Padded padTrack(Input input, StepContext ctx) {
    return StatusGuard.run(services.transcripts(), input.transcriptId(), "pad_track", () -> pad(input, ctx));
  }

  @Step(name = "transcribe_track", parents = "pad_track", timeout = "600s", retries = 3)
  Transcribed transcribeTrack(Input input, @Parent("pad_track") Padded padded, StepContext ctx) {
    return StatusGuard.run(services.transcripts(), input.transcriptId(), "transcribe_track",
        () -> transcribe(input, padded, ctx));
  }

  private Padded pad(Input input, StepContext ctx) {
    StorageRef raw = new StorageRef(input.bucketName(), input.s3Key());
    try (ScratchDirectory scratch = new ScratchDirectory(services.scratch(), "pad-")) {
      Path track = scratch.file("track.webm");
      services.storage().get(raw, track);
      StartOffsetProbe probe = new StartOffsetProbe();
      probe.requireAudio(track);
      double offsetSeconds = probe.offsetSeconds(track);
      long delayMs = (long) Math.floor(offsetSeconds * 1000);
      if (delayMs <= 0) {
        ctx.log("track " + input.trackIndex() + " starts at 0: no padding");
        return new Padded(input.trackIndex(), raw, 0, 0);
      }
      Path padded = scratch.file("padded.webm");
      new TrackPadder().pad(track, padded, delayMs);
      StorageRef target = new StorageRef(services.transcriptBucket(),
          PipelineKeys.paddedTrack(input.transcriptId(), input.trackIndex()));
      services.storage().put(target, padded);
      long size = Files.size(padded);
      ctx.log("track " + input.trackIndex() + " padded with " + delayMs + " ms of silence (" + size + " bytes)");
      return new Padded(input.trackIndex(), target, size, delayMs);
    } catch (AudioException notAudio) {
      // The same bytes will not decode on a second try: fail now with the reason instead of three times.
      throw new NonRetryableException("track " + input.trackIndex() + " (" + input.s3Key() + "): "
          + notAudio.getMessage(), notAudio);
    } catch (IOException e) {
      throw new UncheckedIOException("track " + input.trackIndex() + ": " + e.getMessage(), e);
    }
  }

  private Transcribed transcribe(Input input, Padded padded, StepContext ctx) {
    List<Word> words = services.transcriber().transcribe(new TranscriptionRequest(
        () -> services.storage().presignGet(padded.padded(), PRESIGN_VALIDITY), input.recordingId(),
        input.trackIndex(), input.language()));
    List<Word> spoken = words.stream()
        .map(word -> word.withSpeaker(input.trackIndex()))
        .sorted(Comparator.comparingDouble(Word::start))
        .toList();
    StorageRef wordsRef = new StorageRef(services.transcriptBucket(),
        PipelineKeys.trackWords(input.transcriptId(), input.trackIndex()));
    new WordFiles(services.storage(), services.json()).write(wordsRef, spoken);
    ctx.log("track " + input.trackIndex() + ": " + spoken.size() + " words");
    return new Transcribed(input.trackIndex(), padded.padded(), padded.size(), wordsRef, spoken.size());
  }
}
