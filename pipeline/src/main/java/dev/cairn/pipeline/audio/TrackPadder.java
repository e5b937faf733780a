package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Prepends a track's start offset as silence, so that the padded track's time is meeting time.
 *
 * <p>Equivalent to upstream's PyAV graph {@code aresample=async=1,adelay=delays=D|D:all=1} on s16 stereo 48 kHz,
 * encoded with libopus at 128 kbit/s into WebM. aresample=async=1 fills the timestamp gaps that muted spans leave in
 * Daily's tracks (their packets are simply missing), so speech after a mute stays at its meeting time.
 *
 * <p>Almost all of a pad's time is libopus. The libopus 1.3.1 linked into {@code ffmpeg-platform} (8.0.1-1.5.13, and
 * 8.1.2-1.5.14 and the -gpl build alike) is compiled without optimisation: javacpp-presets' ffmpeg/cppbuild.sh
 * configures it with {@code CFLAGS="-m64"}, which replaces autoconf's default {@code -g -O2}. It writes the same
 * packets as Debian's build in about 2.6 times the CPU time (3.8 times for the encoder alone). The encoder settings
 * stay libopus' defaults on purpose: compression_level 8 and 9 give the same packets as 10 and save nothing; 7 and
 * below change the encoding (issue 13).
 */
public final class TrackPadder {
  static final int SAMPLE_RATE = 48_000;
  static final int CHANNELS = 2;
  static final long BIT_RATE = 128_000;

  /**
   * Pads {@code input} with {@code delayMs} milliseconds of leading silence into {@code output} (WebM/Opus, created
   * or replaced). The output timeline starts at 0: the input's own start timestamp does not shift it again.
   *
   * @param delayMs upstream passes {@code floor(offsetSeconds * 1000)}; 0 re-encodes without padding
   * @throws AudioException if the input is not readable audio or the output cannot be written
   */
  public PadResult pad(Path input, Path output, long delayMs) {
    if (delayMs < 0) {
      throw new IllegalArgumentException("delayMs must not be negative: " + delayMs);
    }
    try (AudioInput in = AudioInput.open(input, "track")) {
      AVFrame first = in.next();
      if (first == null) {
        throw new AudioException("track " + input + " has no audio: no frame could be decoded");
      }
      String format = "aformat=sample_fmts=s16:sample_rates=" + SAMPLE_RATE + ":channel_layouts=stereo";
      // The second aformat is not redundant: an unconstrained abuffersink let FFmpeg 8 negotiate adelay's output to
      // another format than its input, and the encoder then read s16 out of it (garbage clicks in the silence).
      String graphDesc = "abuffer@in0=" + in.abufferArgs(first)
          + ",aresample=" + SAMPLE_RATE + ":async=1"
          + "," + format
          + ",adelay=delays=" + delayMs + "|" + delayMs + ":all=1"
          + "," + format
          + ",abuffersink@out";
      AVFrame out = av_frame_alloc();
      try (AudioOutput enc = new AudioOutput(output, "webm", "libopus", SAMPLE_RATE, CHANNELS, AV_SAMPLE_FMT_S16,
              BIT_RATE);
          AudioGraph graph = new AudioGraph("track " + input, graphDesc, 1, 0)) {
        resizeSink(graph, enc);
        for (AVFrame f = first; f != null; f = in.next()) {
          graph.push(0, f);
          drain(graph, enc, out);
        }
        graph.end(0);
        drain(graph, enc, out);
        enc.finish();
        return new PadResult(Files.size(output), enc.samplesWritten() / (double) SAMPLE_RATE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        av_frame_free(out);
      }
    }
  }

  private static void resizeSink(AudioGraph graph, AudioOutput enc) {
    // libopus takes 20 ms frames only (the last one may be short), so let the sink cut them
    graph.setSinkFrameSize(enc.frameSize());
  }

  private static void drain(AudioGraph graph, AudioOutput enc, AVFrame out) {
    while (graph.pull(out) == AudioGraph.Pull.FRAME) {
      try {
        enc.write(out);
      } finally {
        av_frame_unref(out);
      }
    }
  }
}
