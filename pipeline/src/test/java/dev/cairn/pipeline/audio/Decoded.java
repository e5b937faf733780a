package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * A file decoded from its start by javacv's grabber (independent of the package's own decoding code), reduced to
 * what the tests check.
 *
 * @param firstAbove index (samples per channel) of the first sample whose absolute value exceeds the threshold given
 *     to {@link #of}, or -1
 */
record Decoded(String format, String codec, int sampleRate, int channels, long samples, long firstAbove) {
  double durationS() {
    return samples / (double) sampleRate;
  }

  double firstAboveS() {
    return firstAbove / (double) sampleRate;
  }

  static Decoded of(Path file, float threshold) throws Exception {
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.setSampleFormat(AV_SAMPLE_FMT_FLT); // interleaved float, whatever the decoder produces
      g.start();
      int channels = g.getAudioChannels();
      long samples = 0;
      long firstAbove = -1;
      Frame f;
      while ((f = g.grabSamples()) != null) {
        if (f.samples == null) {
          continue;
        }
        FloatBuffer b = (FloatBuffer) f.samples[0];
        int n = b.remaining() / channels;
        if (firstAbove < 0) {
          for (int i = 0; i < n * channels; i++) {
            if (Math.abs(b.get(b.position() + i)) > threshold) {
              firstAbove = samples + i / channels;
              break;
            }
          }
        }
        samples += n;
      }
      String codec = g.getAudioCodecName();
      return new Decoded(g.getFormat(), codec, g.getSampleRate(), channels, samples, firstAbove);
    }
  }
}
