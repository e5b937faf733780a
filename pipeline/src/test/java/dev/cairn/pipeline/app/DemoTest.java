package dev.cairn.pipeline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.cairn.RunStatus;
import dev.cairn.pipeline.testing.SampleRecording;
import dev.cairn.testing.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, on its embedded defaults (its own embedded PostgreSQL with durable settings, local
 * storage, recorded answers, extractive summariser), with its data kept in a temporary directory.
 */
class DemoTest {
  @TempDir
  Path temp;

  @Test
  void theDemoProcessesTheSampleAndReportsWhatItFoundAndProcessesItAgainOnTheNextRun() throws IOException {
    PipelineConfig config = PipelineConfig.from(Map.of(
        "PIPELINE_HTTP_PORT", Integer.toString(Ports.free()),
        "CAIRN_DASHBOARD_PORT", "0",
        "CAIRN_DATA_DIR", temp.resolve("pgdata").toString(),
        "STORAGE_LOCAL_DIR", temp.resolve("storage").toString(),
        "PIPELINE_WORK_DIR", temp.resolve("work").toString(),
        "DAILY_RECORDINGS_DIR", SampleRecording.DIR.getParent().toString(),
        "TRANSCRIPT_RECORDED_DIR", SampleRecording.DIR.getParent().toString()));
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    assertEquals(RunStatus.SUCCEEDED, Demo.run(config, SampleRecording.DIR, new PrintStream(first, true,
        StandardCharsets.UTF_8)));
    String out = first.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("transcription: recorded answers (no ASR service)"), out);
    assertTrue(out.contains("summaries:     extractive summariser (no LLM)"), out);
    assertTrue(out.contains("step  TrackProcessing        pad_track started"), out);
    assertTrue(out.contains("step  DiarizationPipeline    process_tracks resumed"), out);
    assertTrue(out.contains("event FINAL_TITLE"), out);
    assertTrue(out.contains("status:   ended"), out);
    assertTrue(out.contains("duration: 85.0 s"), out);
    assertTrue(out.contains("  0: Priya Raman\n  1: Marcus Chen\n  2: Elena Novak\n"), out);
    assertTrue(out.matches("(?s).*\\ntitle:    \\S.*"), out);
    assertTrue(out.matches("(?s).*\\ntopics:\\n  \\[  1\\.6 s\\] \\S.*"), out);
    assertTrue(out.contains("waveform: 255 points"), out);
    assertTrue(out.matches("(?s).*\\n  token:         cairn_\\S+ \\(CLIENT, valid for a day: .*"), out);
    assertTrue(out.matches("(?s).*\\n  dashboard:     http://localhost:\\d+/#/runs/[0-9a-f-]{36}\\n.*"), out);
    assertTrue(out.contains("  live events:   curl -N -H 'Authorization: Bearer cairn_"), out);
    String mp3 = out.substring(out.indexOf("mp3:      ") + 10, out.indexOf('\n', out.indexOf("mp3:      ")));
    assertTrue(Files.isRegularFile(Path.of(URI.create(mp3))), mp3);

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    assertEquals(RunStatus.SUCCEEDED, Demo.run(config, SampleRecording.DIR, new PrintStream(second, true,
        StandardCharsets.UTF_8)));
    assertTrue(second.toString(StandardCharsets.UTF_8).contains("(processed before; processing again as run "),
        second.toString(StandardCharsets.UTF_8));
  }
}
