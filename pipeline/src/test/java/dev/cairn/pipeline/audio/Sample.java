package dev.cairn.pipeline.audio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sample Daily recording in {@code samples/daily-sample} and its ground truth. */
final class Sample {
  record Track(int index, Path file, double offsetS, double durationS) {}

  static final Path DIR = locate();
  static final List<Track> TRACKS;
  static final double EXPECTED_MIX_DURATION_S;
  static final List<Double> REFERENCE_WAVEFORM;

  static {
    ObjectMapper json = new ObjectMapper();
    try {
      JsonNode expected = json.readTree(DIR.resolve("expected.json").toFile());
      List<Track> tracks = new ArrayList<>();
      for (JsonNode t : expected.get("tracks")) {
        tracks.add(new Track(t.get("index").asInt(), DIR.resolve(t.get("file").asText()),
            t.get("offset_s").asDouble(), t.get("duration_s").asDouble()));
      }
      TRACKS = List.copyOf(tracks);
      JsonNode mix = json.readTree(DIR.resolve("mixdown-reference.json").toFile());
      EXPECTED_MIX_DURATION_S = mix.get("expected_duration_s").asDouble();
      List<Double> wave = new ArrayList<>();
      mix.get("waveform").forEach(v -> wave.add(v.asDouble()));
      REFERENCE_WAVEFORM = List.copyOf(wave);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Sample() {}

  private static Path locate() {
    // surefire runs in pipeline/; the absolute path is only a fallback for runs from elsewhere
    for (Path p : List.of(Path.of("..", "samples", "daily-sample"), Path.of("samples", "daily-sample"),
        Path.of("/work/shared/fixtures/daily-sample"))) {
      if (Files.isRegularFile(p.resolve("expected.json"))) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("samples/daily-sample not found from " + Path.of("").toAbsolutePath());
  }

  /** Upstream's padding: whole milliseconds, rounded down. */
  static long delayMs(double offsetS) {
    return (long) Math.floor(offsetS * 1000);
  }
}
