package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Mixes the padded tracks into one MP3, streaming: {@code amix=inputs=N:normalize=0:duration=longest} (plain sum, no
 * level change, as long as the longest track) fed by one decoder per track.
 *
 * <p>The sample rate is that of the first input's first decoded frame; every input is converted to stereo float at
 * that rate before the mix, and the result is encoded with libmp3lame at 192 kbit/s.
 */
public final class Mixdown {
  static final long BIT_RATE = 192_000;

  private final long progressIntervalNanos;

  /** Reports progress at most every 5 seconds. */
  public Mixdown() {
    this(Duration.ofSeconds(5));
  }

  /**
   * @param progressInterval minimum wall time between two progress calls while mixing ({@link Duration#ZERO}: after
   *     every encoded frame)
   */
  public Mixdown(Duration progressInterval) {
    if (progressInterval.isNegative()) {
      throw new IllegalArgumentException("negative progress interval " + progressInterval);
    }
    this.progressIntervalNanos = progressInterval.toNanos();
  }

  /**
   * Mixes {@code inputs} into {@code mp3Output} (created or replaced).
   *
   * <p>{@code progress} is called at most once per progress interval while mixing, and once more when the mix is
   * complete (with the final duration), so even a short mix reports at least once.
   *
   * @throws IllegalArgumentException if {@code inputs} is empty ("no tracks to mix")
   * @throws AudioException if an input is not readable audio or the output cannot be written
   */
  public MixResult mix(List<Path> inputs, Path mp3Output, MixProgress progress) {
    Objects.requireNonNull(inputs, "inputs");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no tracks to mix");
    }
    MixProgress report = progress == null ? MixProgress.NONE : progress;
    int n = inputs.size();
    List<AudioInput> opened = new ArrayList<>(n);
    AVFrame out = av_frame_alloc();
    try {
      for (Path p : inputs) {
        opened.add(AudioInput.open(p, "track"));
      }
      // each input's first frame is decoded up front: the abuffer sources need its format
      AVFrame[] firsts = new AVFrame[n];
      StringBuilder desc = new StringBuilder();
      int rate = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        AudioInput in = opened.get(i);
        total = Math.max(total, in.durationEstimateSeconds());
        firsts[i] = in.next();
        if (firsts[i] == null) {
          throw new AudioException("track " + in.path() + " has no audio: no frame could be decoded");
        }
        if (i == 0) {
          rate = firsts[0].sample_rate() > 0 ? firsts[0].sample_rate() : in.sampleRate();
        }
        desc.append("abuffer@in").append(i).append('=').append(in.abufferArgs(firsts[i]))
            .append(",aformat=sample_fmts=fltp:sample_rates=").append(rate).append(":channel_layouts=stereo")
            .append("[a").append(i).append("];");
      }
      for (int i = 0; i < n; i++) {
        desc.append("[a").append(i).append(']');
      }
      desc.append("amix=inputs=").append(n).append(":normalize=0:duration=longest")
          .append(",aformat=sample_fmts=fltp:sample_rates=").append(rate).append(":channel_layouts=stereo")
          .append(",abuffersink@out");

      try (AudioOutput enc = new AudioOutput(mp3Output, "mp3", "libmp3lame", rate, 2, AV_SAMPLE_FMT_FLTP, BIT_RATE);
          AudioGraph graph = new AudioGraph("mixdown " + mp3Output, desc.toString(), n, 0)) {
        graph.setSinkFrameSize(enc.frameSize());
        Progress prog = new Progress(report, rate, total, progressIntervalNanos);
        // Balance the inputs by audio time pushed rather than strictly one frame each: amix holds whatever one input
        // is ahead of the others, and with different frame sizes a strict round-robin would let that grow without
        // bound over an hour. With equal frame sizes this is exactly round-robin.
        long[] pushed = new long[n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
          pushed[i] = firsts[i].nb_samples() * (long) rate / Math.max(1, firsts[i].sample_rate());
          graph.push(i, firsts[i]);
        }
        drain(graph, enc, out, prog);
        int active = n;
        while (active > 0) {
          int pick = -1;
          for (int i = 0; i < n; i++) {
            if (!done[i] && (pick < 0 || pushed[i] < pushed[pick])) {
              pick = i;
            }
          }
          AVFrame f = opened.get(pick).next();
          if (f == null) {
            graph.end(pick);
            done[pick] = true;
            active--;
          } else {
            pushed[pick] += f.nb_samples() * (long) rate / Math.max(1, f.sample_rate());
            graph.push(pick, f);
          }
          drain(graph, enc, out, prog);
        }
        drain(graph, enc, out, prog);
        enc.finish();
        long samples = enc.samplesWritten();
        report.progress(samples / (double) rate, samples / (double) rate);
        return new MixResult(Math.round(samples * 1000.0 / rate), rate, n);
      }
    } finally {
      av_frame_free(out);
      for (AudioInput in : opened) {
        in.close();
      }
    }
  }

  private static void drain(AudioGraph graph, AudioOutput enc, AVFrame out, Progress prog) {
    while (graph.pull(out) == AudioGraph.Pull.FRAME) {
      try {
        enc.write(out);
      } finally {
        av_frame_unref(out);
      }
      prog.maybeReport(enc.samplesWritten());
    }
  }

  /** Throttles progress calls by wall time. */
  private static final class Progress {
    private final MixProgress target;
    private final int rate;
    private final double total;
    private final long intervalNanos;
    private long last = System.nanoTime();

    Progress(MixProgress target, int rate, double total, long intervalNanos) {
      this.target = target;
      this.rate = rate;
      this.total = total;
      this.intervalNanos = intervalNanos;
    }

    void maybeReport(long samples) {
      long now = System.nanoTime();
      if (now - last >= intervalNanos) {
        last = now;
        double processed = samples / (double) rate;
        target.progress(processed, Math.max(total, processed));
      }
    }
  }
}
