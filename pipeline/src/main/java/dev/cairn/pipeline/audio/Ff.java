package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;

/** Small helpers shared by the FFmpeg wrappers of this package. */
final class Ff {
  /**
   * {@code AVERROR(EAGAIN)}; the bindings expose it as a native function that only links once the avutil natives are
   * loaded, hence the explicit load first.
   */
  static final int EAGAIN;

  static {
    Loader.load(avutil.class);
    EAGAIN = avutil.AVERROR_EAGAIN();
    // FFmpeg logs to stderr at INFO by default; the pipeline reports failures through exceptions instead, and the
    // errors FFmpeg does log go through SLF4J, less the harmless ones (FfmpegLog).
    av_log_set_level(AV_LOG_ERROR);
    avutil.setLogCallback(FfmpegLog.INSTANCE);
  }

  private Ff() {}

  /** Forces the static initialiser (log level) before the first FFmpeg call of a public entry point. */
  static void init() {}

  static String error(int code) {
    byte[] buf = new byte[256];
    if (av_strerror(code, buf, buf.length) < 0) {
      return "FFmpeg error " + code;
    }
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }
}
