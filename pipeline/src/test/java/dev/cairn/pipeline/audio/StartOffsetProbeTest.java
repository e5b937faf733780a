package dev.cairn.pipeline.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StartOffsetProbeTest {
  private final StartOffsetProbe probe = new StartOffsetProbe();

  @Test
  void readsEachTracksOffsetFromTheContainer() {
    for (Sample.Track t : Sample.TRACKS) {
      double offset = probe.offsetSeconds(t.file());
      System.out.printf("probe track %d: %.6f s (expected %.3f, error %.3f ms)%n", t.index(), offset, t.offsetS(),
          (offset - t.offsetS()) * 1000);
      assertEquals(t.offsetS(), offset, 0.001, "offset of track " + t.index());
    }
  }
}
