package dev.cairn.pipeline.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BadInputTest {
  @TempDir static Path tmp;

  static Stream<Path> badFiles() throws Exception {
    Path json = Files.copy(Sample.DIR.resolve("expected.json"), tmp.resolve("track.json"));
    Path empty = Files.createFile(tmp.resolve("empty"));
    Path missing = tmp.resolve("missing");
    return Stream.of(json, empty, missing);
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void everyStepNamesTheBadFile(Path bad) {
    assertMessageNames(bad, assertThrows(AudioException.class, () -> new TrackPadder().pad(bad, tmp.resolve(
        "out.webm"), 100)));
    assertMessageNames(bad, assertThrows(AudioException.class, () -> new Mixdown().mix(
        List.of(Sample.TRACKS.get(0).file(), bad), tmp.resolve("out.mp3"), MixProgress.NONE)));
    assertMessageNames(bad, assertThrows(AudioException.class, () -> new Waveform().peaks(bad, 255)));
    // upstream's probe falls back to 0 rather than failing the recording
    assertEquals(0.0, new StartOffsetProbe().offsetSeconds(bad));
  }

  private static void assertMessageNames(Path bad, AudioException e) {
    System.out.println("bad input " + bad.getFileName() + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
  }
}
