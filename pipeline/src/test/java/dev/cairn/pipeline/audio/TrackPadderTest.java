package dev.cairn.pipeline.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.pipeline.testing.Decoded;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackPadderTest {

  @TempDir Path tmp;

  @Test
  void padsEachTrackWithItsOffsetOnATimelineStartingAtZero() throws Exception {
    TrackPadder padder = new TrackPadder();
    for (Sample.Track t : Sample.TRACKS) {
      long delay = Sample.delayMs(t.offsetS());
      Path out = tmp.resolve("padded-" + t.index() + ".webm");
      PadResult result = padder.pad(t.file(), out, delay);

      Decoded d = Decoded.of(out, Decoded.SPEECH_OR_NOISE_THRESHOLD);
      System.out.printf("pad track %d (%d ms): leading silence %.4f s (error %.1f ms), decoded %.4f s, expected %.4f s"
              + " (error %.1f ms), result %.4f s, %d bytes%n",
          t.index(), delay, d.firstAboveS(), (d.firstAboveS() - t.offsetS()) * 1000, d.durationS(),
          t.offsetS() + t.durationS(), (d.durationS() - t.offsetS() - t.durationS()) * 1000,
          result.durationSeconds(), result.bytes());
      assertEquals("matroska,webm", d.format());
      assertEquals("opus", d.codec());
      assertEquals(48_000, d.sampleRate());
      assertEquals(2, d.channels());
      assertTrue(d.firstAbove() >= 0, "no sound above the silence level in track " + t.index());
      assertEquals(t.offsetS(), d.firstAboveS(), 0.020, "leading silence of track " + t.index());
      assertEquals(t.offsetS() + t.durationS(), d.durationS(), 0.050, "decoded duration of track " + t.index());
      assertEquals(t.offsetS() + t.durationS(), result.durationSeconds(), 0.050, "reported duration");
      assertEquals(Files.size(out), result.bytes());
    }
  }
}
