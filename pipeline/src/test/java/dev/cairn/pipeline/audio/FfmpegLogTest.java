package dev.cairn.pipeline.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FFmpeg's harmless "Error parsing Opus packet header." lines are dropped, everything else it logs is kept: FFmpeg
 * really says them while the sample's tracks are padded (the callback is installed and sees them), and a line that
 * is a real error goes to the log.
 */
class FfmpegLogTest {
  @TempDir Path tmp;

  @Test
  void paddingTheSampleSaysOnlyHarmlessThingsAndTheyAreDropped() throws Exception {
    TrackPadder padder = new TrackPadder();
    long suppressedBefore = FfmpegLog.INSTANCE.suppressed();
    long loggedBefore = FfmpegLog.INSTANCE.logged();
    for (Sample.Track t : Sample.TRACKS) {
      padder.pad(t.file(), tmp.resolve("padded-" + t.index() + ".webm"), Sample.delayMs(t.offsetS()));
    }
    assertTrue(FfmpegLog.INSTANCE.suppressed() > suppressedBefore,
        "FFmpeg said its harmless line, through the callback, and it was dropped");
    assertEquals(loggedBefore, FfmpegLog.INSTANCE.logged(), "nothing else was said at error level");
  }

  @Test
  void aRealErrorIsLoggedAndOnlyTheKnownLineIsDropped() {
    long suppressed = FfmpegLog.INSTANCE.suppressed();
    long logged = FfmpegLog.INSTANCE.logged();
    FfmpegLog.INSTANCE.accept(AV_LOG_ERROR, "[opus @ 0x7f6ce4235b40] Error parsing Opus packet header.\n");
    assertEquals(suppressed + 1, FfmpegLog.INSTANCE.suppressed());
    FfmpegLog.INSTANCE.accept(AV_LOG_ERROR, "[matroska,webm @ 0x55] Invalid EBML number size tag 0x00\n");
    FfmpegLog.INSTANCE.accept(AV_LOG_ERROR, "[opus @ 0x1] Error parsing Opus packet header. And more went wrong\n");
    assertEquals(logged + 2, FfmpegLog.INSTANCE.logged(), "other errors, even about Opus, are logged");
    assertEquals(suppressed + 1, FfmpegLog.INSTANCE.suppressed());
  }
}
