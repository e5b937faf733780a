package dev.cairn.pipeline.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Runs;
import dev.cairn.pipeline.app.DailyIngest;
import dev.cairn.pipeline.app.PipelineComponents;
import dev.cairn.pipeline.app.PipelineConfig;
import dev.cairn.pipeline.app.PipelineMain;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.storage.StorageRef;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.S3ProxyServer;
import dev.cairn.pipeline.testing.SampleRecording;
import dev.cairn.pipeline.transcript.Transcript;
import dev.cairn.pipeline.transcript.TranscriptStatus;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline over gRPC: the engine (with no pipeline code registered) in this JVM, the pipeline worker in a
 * separate JVM connected with a token, storage in S3 (S3Proxy). The worker is killed with SIGKILL while a track
 * is being transcribed; a new worker removes the scratch directory the killed one left and finishes the run without
 * padding or transcribing a finished track again.
 */
class RemoteWorkerPipelineTest {
  @TempDir
  Path temp;

  @Test
  void aWorkerProcessRunsThePipelineOnS3AndAKill9DuringTranscriptionRedoesNoFinishedTrack() throws Exception {
    String schema = TestDatabase.newSchema();
    try (FakeServices fakes = new FakeServices();
        S3ProxyServer s3 = new S3ProxyServer();
        Cairn engine = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1")
            .leaseDuration(Duration.ofSeconds(2)).build()) {
      engine.start();
      s3.createBucket(PipelineHarness.DAILY_BUCKET);
      s3.createBucket(PipelineHarness.TRANSCRIPT_BUCKET);
      NewToken token = engine.tokens().create("pipeline-worker", Role.WORKER, null);

      Map<String, String> settings = PipelineHarness.localSettings(fakes, temp.resolve("unused"));
      settings.put("STORAGE_BACKEND", "s3");
      settings.put("TRANSCRIPT_STORAGE_AWS_ENDPOINT_URL", s3.endpoint().toString());
      settings.put("TRANSCRIPT_STORAGE_AWS_REGION", S3ProxyServer.REGION);
      settings.put("TRANSCRIPT_STORAGE_AWS_ACCESS_KEY_ID", s3.accessKey());
      settings.put("TRANSCRIPT_STORAGE_AWS_SECRET_ACCESS_KEY", s3.secretKey());
      settings.put("PIPELINE_SCHEMA", "p" + schema);
      settings.put("CAIRN_JDBC_URL", TestDatabase.jdbcUrl());
      settings.put("CAIRN_DB_USER", "postgres");
      settings.put("CAIRN_DB_PASSWORD", "postgres");
      settings.put("CAIRN_TARGET", "127.0.0.1:" + engine.grpcPort());
      settings.put("CAIRN_TOKEN", token.secret());
      settings.put("CAIRN_WORKER_SLOTS", "4");

      // This JVM only ingests (records the recording and triggers by name); every step runs in the worker.
      PipelineServices services = PipelineComponents.services(PipelineConfig.from(settings),
          TestDatabase.dataSource());
      SampleRecording recording = new SampleRecording("remote-" + System.nanoTime(), "remote", "remote-room");
      fakes.serve(recording);
      recording.seed(services.storage(), PipelineHarness.DAILY_BUCKET);
      fakes.holdTrack(2);

      DailyIngest.Started started;
      try (ChildJvm first = worker(settings, "worker-1")) {
        Await.until("worker registered", Duration.ofSeconds(60), () -> first.output().contains("registered"));
        started = DailyIngest.of(services, engine, PipelineConfig.from(settings))
            .ingest(recording.recordingId(), recording.dailyRoomName(),
                recording.recordingJson().path("start_ts").asLong(), recording.tracks());
        Await.until("tracks 0 and 1 transcribed and track 2 in transcription", Duration.ofMinutes(2),
            () -> finishedTranscriptions(schema) == 2 && fakes.transcriptionsOf(2) == 1);
        first.kill9();
      }
      // Besides this JVM's claim, the work directory holds the killed worker's, which it could not remove.
      Path work = Path.of(settings.get("PIPELINE_WORK_DIR"));
      List<String> killedClaims = scratchClaims(work).stream()
          .filter(name -> !name.equals(services.scratch().directory().getFileName().toString())).toList();
      assertEquals(1, killedClaims.size(), "the killed worker's scratch directory: " + scratchClaims(work));
      fakes.releaseTrack(2);
      try (ChildJvm second = worker(settings, "worker-2")) {
        Await.until("worker-2 registered", Duration.ofSeconds(60), () -> second.output().contains("registered"));
        assertTrue(scratchClaims(work).stream().noneMatch(killedClaims::contains),
            "the next worker removed what the killed one left: " + scratchClaims(work));
        RunView run = engine.await(started.runId(), Duration.ofMinutes(3));
        assertEquals(RunStatus.SUCCEEDED, run.status(), () -> run.error() + "\n" + second.output());
      }

      // No finished track was padded or transcribed again; the interrupted one was transcribed twice.
      assertEquals(3, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE step_name = 'pad_track'"
          + " AND status = 'SUCCEEDED' AND attempt = 1"), "every track padded exactly once");
      assertEquals(1, fakes.transcriptionsOf(0));
      assertEquals(1, fakes.transcriptionsOf(1));
      assertEquals(2, fakes.transcriptionsOf(2));
      assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE worker_id IS NULL"
          + " OR worker_id NOT IN ('worker-1', 'worker-2')"), "every step ran in a worker process");

      Transcript transcript = services.transcripts().get(started.transcriptId());
      assertEquals(TranscriptStatus.ENDED, transcript.status());
      List<Word> words = new ArrayList<>();
      transcript.topics().forEach(topic -> words.addAll(topic.words()));
      List<Word> reference = recording.expectedWords();
      assertEquals(reference.size(), words.size());
      for (int i = 0; i < reference.size(); i++) {
        assertEquals(reference.get(i).text(), words.get(i).text());
        assertEquals(reference.get(i).speaker(), words.get(i).speaker());
      }
      assertEquals(255, transcript.waveform().size());
      assertTrue(services.storage().exists(new StorageRef(PipelineHarness.TRANSCRIPT_BUCKET,
          PipelineKeys.audio(started.transcriptId()))), "the MP3 is in S3");
      try (ChildJvm third = worker(settings, "worker-3")) {
        // The sample command (what a compose user runs) feeds the original sample to the same engine and workers.
        fakes.serve(new SampleRecording("e0054b6a-809f-4983-ad28-753c713b28f6", "acme", "product-sync"));
        Map<String, String> client = new HashMap<>(settings);
        client.put("CAIRN_TOKEN", engine.tokens().create("sample", Role.CLIENT, null).secret());
        try (ChildJvm sample = command(client, "sample")) {
          Await.until("the sample command finished", Duration.ofMinutes(3), () -> !sample.isAlive());
          assertTrue(sample.output().matches("(?s).*\\nrun \\S+ SUCCEEDED in \\d+ ms\\n.*"), sample.output());
          assertTrue(sample.output().contains("  2: Elena Novak"), sample.output());
        }
      }
      services.scratch().close();
    }
  }

  /** The scratch directories claimed in a work directory (see ScratchRoot). */
  private static List<String> scratchClaims(Path work) throws IOException {
    try (Stream<Path> entries = Files.list(work)) {
      return entries.map(path -> path.getFileName().toString())
          .filter(name -> name.startsWith("scratch-") && !name.endsWith(".lock")).sorted().toList();
    }
  }

  private static long finishedTranscriptions(String schema) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".steps WHERE step_name = 'transcribe_track'"
        + " AND status = 'SUCCEEDED'");
  }

  private static ChildJvm worker(Map<String, String> settings, String id) throws Exception {
    Map<String, String> withId = new HashMap<>(settings);
    withId.put("CAIRN_WORKER_ID", id);
    return command(withId, "worker");
  }

  /** {@code PipelineMain <command>} in a child JVM, every setting given as a flag. */
  private static ChildJvm command(Map<String, String> settings, String command) throws Exception {
    List<String> args = new ArrayList<>();
    args.add(command);
    settings.forEach((name, value) -> args.add("--" + name.toLowerCase(Locale.ROOT).replace('_', '-') + "="
        + value));
    return ChildJvm.start(PipelineMain.class, args.toArray(String[]::new));
  }
}
