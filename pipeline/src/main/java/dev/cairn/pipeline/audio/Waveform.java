package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The peak waveform the transcript page draws: for each of {@code segments} equal time slices, the largest absolute
 * sample of any channel, normalised by the largest of all and rounded to 2 decimals.
 *
 * <p>Slices follow the reference method: with N samples per channel and {@code w = N / segments}, slice k covers
 * samples {@code [k*w, (k+1)*w)} and the last slice runs to N. The file is read once; peaks are kept per block of
 * samples in an array that never exceeds {@value PeakBlocks#MAX_BLOCKS} floats (blocks double in size when it is
 * full), so memory is bounded whatever the length, and a slice boundary is exact to one block (1024 samples = 21 ms
 * for an hour at 48 kHz, exact for anything under 5.4 s).
 */
public final class Waveform {
  /**
   * @param audio any file FFmpeg decodes (the mixdown MP3 in the pipeline)
   * @param segments number of points, &gt; 0 (the pipeline uses 255)
   * @return exactly {@code segments} values in [0, 1]; all zeros for silence or an empty stream
   * @throws AudioException if the file is not readable audio
   */
  public List<Double> peaks(Path audio, int segments) {
    if (segments <= 0) {
      throw new IllegalArgumentException("segments must be positive: " + segments);
    }
    PeakBlocks blocks = new PeakBlocks();
    try (AudioInput in = AudioInput.open(audio, "audio")) {
      AVFrame first = in.next();
      if (first != null) {
        String desc = "abuffer@in0=" + in.abufferArgs(first) + ",aformat=sample_fmts=flt,abuffersink@out";
        AVFrame out = av_frame_alloc();
        float[] buf = new float[8192];
        try (AudioGraph graph = new AudioGraph("audio " + audio, desc, 1, 0)) {
          for (AVFrame f = first; f != null; f = in.next()) {
            graph.push(0, f);
            buf = consume(graph, out, blocks, buf);
          }
          graph.end(0);
          consume(graph, out, blocks, buf);
        } finally {
          av_frame_free(out);
        }
      }
    }
    return blocks.fold(segments);
  }

  private static float[] consume(AudioGraph graph, AVFrame out, PeakBlocks blocks, float[] buf) {
    while (graph.pull(out) == AudioGraph.Pull.FRAME) {
      try {
        int channels = Math.max(1, out.ch_layout().nb_channels());
        int samples = out.nb_samples();
        int count = samples * channels;
        if (buf.length < count) {
          buf = new float[count];
        }
        new FloatPointer(out.data(0)).get(buf, 0, count);
        for (int s = 0, i = 0; s < samples; s++) {
          float peak = 0;
          for (int c = 0; c < channels; c++, i++) {
            float v = Math.abs(buf[i]);
            if (v > peak) {
              peak = v;
            }
          }
          blocks.add(peak);
        }
      } finally {
        av_frame_unref(out);
      }
    }
    return buf;
  }

  /** Per-block maxima of a stream of per-sample peaks, in bounded memory. */
  static final class PeakBlocks {
    static final int MAX_BLOCKS = 1 << 18;

    private float[] blocks = new float[4096];
    private int current; // index of the block being filled
    private int fill; // samples in the current block
    private long blockSize = 1;
    private long samples;

    void add(float peak) {
      if (fill == blockSize) {
        current++;
        fill = 0;
        if (current == blocks.length) {
          if (blocks.length < MAX_BLOCKS) {
            blocks = Arrays.copyOf(blocks, blocks.length * 2);
          } else {
            // merge neighbours pairwise: every block before `current` is full, so pairs stay aligned
            for (int i = 0; i < MAX_BLOCKS / 2; i++) {
              blocks[i] = Math.max(blocks[2 * i], blocks[2 * i + 1]);
            }
            current = MAX_BLOCKS / 2;
            blockSize *= 2;
          }
        }
      }
      if (fill == 0 || peak > blocks[current]) {
        blocks[current] = peak;
      }
      fill++;
      samples++;
    }

    long samples() {
      return samples;
    }

    long blockSize() {
      return blockSize;
    }

    List<Double> fold(int segments) {
      double[] peaks = new double[segments];
      if (samples > 0) {
        long w = samples / segments;
        for (int b = 0; b <= current; b++) {
          long start = b * blockSize;
          int k = w == 0 ? segments - 1 : (int) Math.min(start / w, segments - 1);
          peaks[k] = Math.max(peaks[k], blocks[b]);
        }
      }
      double max = 0;
      for (double p : peaks) {
        max = Math.max(max, p);
      }
      List<Double> result = new ArrayList<>(segments);
      for (double p : peaks) {
        result.add(max == 0 ? 0.0 : Math.round(p / max * 100) / 100.0);
      }
      return Collections.unmodifiableList(result);
    }
  }
}
