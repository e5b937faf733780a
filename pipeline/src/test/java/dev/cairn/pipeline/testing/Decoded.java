package dev.cairn.pipeline.testing;

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
public record Decoded(String format, String codec, int sampleRate, int channels, long samples, long firstAbove) {
  /**
   * Level (full scale 1.0) that separates padded silence from a track. The prepended silence is digital zero and
   * decodes to (near) zero; the sample tracks carry a pink noise floor at -66 dBFS RMS (about 5e-4), whose peaks
   * exceed 2.5e-4 (-72 dBFS) within a few milliseconds of the track's start. Opus at 128 kbit/s keeps that floor,
   * and its pre-echo before the first noisy frame is far below it.
   */
  public static final float SPEECH_OR_NOISE_THRESHOLD = 2.5e-4f;

  public double durationS() {
    return samples / (double) sampleRate;
  }

  public double firstAboveS() {
    return firstAbove / (double) sampleRate;
  }

  public static Decoded of(Path file, float threshold) throws Exception {
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
