package dev.cairn.pipeline.workflow;

import dev.cairn.StepContext;
import dev.cairn.pipeline.audio.MixResult;
import dev.cairn.pipeline.audio.Mixdown;
import dev.cairn.pipeline.audio.Waveform;
import dev.cairn.pipeline.storage.StorageRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mixdown and waveform steps (upstream §5): files in and out of storage around the audio components. */
final class AudioSteps {
  static final int WAVEFORM_SEGMENTS = 255;

  private final PipelineServices services;

  AudioSteps(PipelineServices services) {
    this.services = services;
  }

  DiarizationPipeline.Mixdown mixdown(String transcriptId, DiarizationPipeline.MergedTracks tracks, StepContext ctx) {
    if (tracks.paddedTracks().isEmpty()) {
      throw new IllegalArgumentException("transcript " + transcriptId + " has no padded tracks to mix");
    }
    double dailyDurationS = services.transcripts().get(transcriptId).durationMs() / 1000;
    // Upstream's dynamic budget: long meetings and many tracks take longer to decode, mix and encode.
    ctx.extendTimeout(Duration.ofSeconds(300 + 60L * tracks.paddedTracks().size() + (long) (dailyDurationS / 10)));
    try (ScratchDirectory scratch = new ScratchDirectory(services.scratch(), "mixdown-")) {
      List<Path> inputs = new ArrayList<>();
      for (int index = 0; index < tracks.paddedTracks().size(); index++) {
        Path local = scratch.file("track-" + index + ".webm");
        services.storage().get(tracks.paddedTracks().get(index), local);
        inputs.add(local);
      }
      Path mp3 = scratch.file("audio.mp3");
      MixResult mixed = new Mixdown(services.progressInterval()).mix(inputs, mp3, (doneSeconds, totalSeconds) -> {
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("position_s", Math.round(doneSeconds * 10) / 10.0);
        progress.put("percent", totalSeconds > 0 ? Math.min(100, Math.round(100 * doneSeconds / totalSeconds)) : null);
        ctx.emit("mixdown_progress", progress);
      });
      StorageRef audio = new StorageRef(services.transcriptBucket(), PipelineKeys.audio(transcriptId));
      services.storage().put(audio, mp3);
      services.transcripts().setAudioLocation(transcriptId, "storage");
      return new DiarizationPipeline.Mixdown(audio, mixed.durationMs(), mixed.tracksMixed());
    }
  }

  DiarizationPipeline.WaveformInfo waveform(String transcriptId, StorageRef audio) {
    try (ScratchDirectory scratch = new ScratchDirectory(services.scratch(), "waveform-")) {
      Path mp3 = scratch.file("audio.mp3");
      services.storage().get(audio, mp3);
      List<Double> peaks = new Waveform().peaks(mp3, WAVEFORM_SEGMENTS);
      services.transcripts().setWaveform(transcriptId, peaks);
      return new DiarizationPipeline.WaveformInfo(peaks.size());
    }
  }
}
