package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_get_level;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's log, routed to SLF4J (logger {@code ffmpeg}) instead of straight to stderr, without the lines FFmpeg
 * logs as errors that are not: Opus decoding of Daily's WebM tracks logs "Error parsing Opus packet header." for
 * packets it skips (eight lines per run of the sample, whose decoded audio is complete: the padding and mixdown
 * tests compare it), which made new users think something broke. Every other error and warning is logged as one.
 * Installed once by {@link Ff}; the native side holds only a pointer, so the instance is kept here. Thread-safe.
 */
final class FfmpegLog extends LogCallback {
  static final FfmpegLog INSTANCE = new FfmpegLog();

  /** What FFmpeg says at error level that is not an error of ours. */
  static final List<String> HARMLESS = List.of("Error parsing Opus packet header.");

  private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");

  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong logged = new AtomicLong();

  private FfmpegLog() {}

  @Override
  public void call(int level, BytePointer message) {
    if (level > av_log_get_level()) {
      return;
    }
    accept(level, message.getString());
  }

  /** Logs one line FFmpeg wrote at {@code level}, or drops it when it is one of {@link #HARMLESS}. */
  void accept(int level, String line) {
    String text = line.strip();
    if (text.isEmpty()) {
      return;
    }
    if (HARMLESS.stream().anyMatch(text::endsWith)) {
      suppressed.incrementAndGet();
      LOG.debug("{} (harmless)", text);
      return;
    }
    logged.incrementAndGet();
    if (level <= AV_LOG_ERROR) {
      LOG.error("{}", text);
    } else if (level <= AV_LOG_WARNING) {
      LOG.warn("{}", text);
    } else {
      LOG.info("{}", text);
    }
  }

  /** Lines dropped as harmless so far. */
  long suppressed() {
    return suppressed.get();
  }

  /** Lines logged so far. */
  long logged() {
    return logged.get();
  }
}
