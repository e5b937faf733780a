package dev.cairn.pipeline.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.pipeline.testing.Decoded;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixdownTest {
  @TempDir static Path tmp;
  static List<Path> padded = new ArrayList<>();

  @BeforeAll
  static void padTracks() {
    TrackPadder padder = new TrackPadder();
    for (Sample.Track t : Sample.TRACKS) {
      Path out = tmp.resolve("padded-" + t.index() + ".webm");
      padder.pad(t.file(), out, Sample.delayMs(t.offsetS()));
      padded.add(out);
    }
  }

  @Test
  void mixesThePaddedTracksIntoAnMp3AsLongAsTheLongestTrack() throws Exception {
    Path mp3 = tmp.resolve("mix.mp3");
    List<double[]> calls = new ArrayList<>();
    MixResult result = new Mixdown(Duration.ZERO).mix(padded, mp3, (p, t) -> calls.add(new double[] {p, t}));

    // The MP3 muxer writes a LAME/Xing header with the encoder delay and padding, and FFmpeg's mp3 demuxer trims
    // both, so the decoded length is compared with no compensation at all.
    Decoded d = Decoded.of(mp3, 1e-4f);
    System.out.printf("mix: %d ms reported, decoded %.4f s (%s/%s %d Hz %d ch), expected %.4f s, error %.1f ms,"
            + " %d progress calls%n", result.durationMs(), d.durationS(), d.format(), d.codec(), d.sampleRate(),
        d.channels(), Sample.EXPECTED_MIX_DURATION_S, (d.durationS() - Sample.EXPECTED_MIX_DURATION_S) * 1000,
        calls.size());
    assertEquals("mp3", d.format());
    assertEquals("mp3float", d.codec());
    assertEquals(48_000, d.sampleRate());
    assertEquals(2, d.channels());
    assertEquals(48_000, result.sampleRate());
    assertEquals(3, result.tracksMixed());
    assertEquals(Sample.EXPECTED_MIX_DURATION_S, d.durationS(), 0.050, "decoded mix duration");
    assertEquals(Sample.EXPECTED_MIX_DURATION_S * 1000, result.durationMs(), 50, "reported mix duration");

    assertTrue(calls.size() > 10, "progress reported while mixing: " + calls.size());
    for (int i = 1; i < calls.size(); i++) {
      assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0], "progress goes forward");
    }
    double[] last = calls.get(calls.size() - 1);
    assertEquals(result.durationMs() / 1000.0, last[0], 0.001, "the last call reports the whole mix");
    assertTrue(calls.get(0)[1] >= Sample.EXPECTED_MIX_DURATION_S - 0.1, "total estimated from the containers");

    List<Double> wave = new Waveform().peaks(mp3, 255);
    double r = pearson(wave, Sample.REFERENCE_WAVEFORM);
    System.out.printf("mix waveform: Pearson %.4f with the reference%n", r);
    assertEquals(255, wave.size());
    assertEquals(1.0, wave.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    assertTrue(r >= 0.9, "Pearson correlation with the reference waveform: " + r);
  }

  @Test
  void theDefaultIntervalStillReportsTheEnd() {
    Path mp3 = tmp.resolve("one.mp3");
    List<double[]> calls = new ArrayList<>();
    MixResult result = new Mixdown().mix(List.of(padded.get(2)), mp3, (p, t) -> calls.add(new double[] {p, t}));
    assertEquals(1, result.tracksMixed());
    assertFalse(calls.isEmpty());
    assertEquals(result.durationMs() / 1000.0, calls.get(calls.size() - 1)[0], 0.001);
  }

  @Test
  void refusesAnEmptyTrackList() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Mixdown().mix(List.of(), tmp.resolve("none.mp3"), MixProgress.NONE));
    assertEquals("no tracks to mix", e.getMessage());
  }

  static double pearson(List<Double> a, List<Double> b) {
    assertEquals(a.size(), b.size());
    int n = a.size();
    double ma = a.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double mb = b.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double x = a.get(i) - ma;
      double y = b.get(i) - mb;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
