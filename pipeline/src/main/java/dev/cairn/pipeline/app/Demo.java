package dev.cairn.pipeline.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.Cairn;
import dev.cairn.CairnListener;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.pipeline.daily.DailyRecording;
import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.storage.StorageRef;
import dev.cairn.pipeline.transcript.Topic;
import dev.cairn.pipeline.transcript.Transcript;
import dev.cairn.pipeline.transcript.TranscriptEvent;
import dev.cairn.pipeline.transcript.TranscriptWatch;
import dev.cairn.pipeline.workflow.PipelineKeys;
import dev.cairn.pipeline.workflow.PipelineServices;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The README's main command: processes the sample Daily recording in {@code samples/daily-sample} on the embedded
 * defaults (embedded PostgreSQL, local storage, recorded ASR answers, extractive summariser), printing steps and
 * transcript events as they happen, then the result. Any setting of {@link Setting} can be given to use real
 * services instead.
 */
public final class Demo {
  static final Path SAMPLE = Path.of("samples", "daily-sample");

  private Demo() {}

  public static void main(String[] args) {
    Path root = ProjectRoot.find();
    PipelineConfig config = PipelineConfig.from(ProjectRoot.resolveDefaults(System.getenv(), root), args);
    int status;
    try {
      status = run(config, root.resolve(SAMPLE), System.out) == RunStatus.SUCCEEDED ? 0 : 1;
    } catch (RuntimeException e) {
      System.err.println("demo failed: " + e.getMessage());
      status = 2;
    }
    System.exit(status);
  }

  /** Runs the demo end to end and returns how the run ended. */
  public static RunStatus run(PipelineConfig config, Path sample, PrintStream out) {
    ObjectMapper json = PipelineComponents.json();
    try (Databases databases = Databases.open(config)) {
      PipelineServices services = PipelineComponents.services(config, databases.pool());
      DailyRecording recording = readRecording(json, sample);
      out.println("Cairn pipeline demo: Daily recording " + recording.id() + " (" + recording.roomName() + ")");
      out.println("  transcription: " + services.transcriber().describe());
      out.println("  summaries:     " + services.summariser().describe());
      String dailyBucket = config.require(Setting.DAILYCO_STORAGE_AWS_BUCKET_NAME);
      int seeded = seedRawTracks(services, dailyBucket, recording, sample.resolve("tracks"));
      out.println("  raw tracks:    " + seeded + " uploaded to " + dailyBucket + " as Daily would");
      try (Cairn cairn = Cairn.builder()
          .jdbcUrl(databases.url(), databases.user(), databases.password())
          .schema(config.require(Setting.CAIRN_SCHEMA))
          .workerSlots(8)
          .listener(new StepPrinter(out))
          .register(PipelineComponents.workflows(services))
          .build()) {
        cairn.start();
        RunGateway runs = RunGateway.embedded(cairn);
        DailyIngest ingest = new DailyIngest(services.transcripts(), services.meetings(), runs, dailyBucket);
        DailyIngest.Started started = ingest.ingest(recording.id(), recording.roomName(), recording.startTs(),
            recording.tracks());
        String transcriptId = started.transcriptId();
        java.util.UUID runId = started.runId();
        PipelineHttpServer http = config.get(Setting.PIPELINE_HTTP_PORT).map(Integer::parseInt).filter(p -> p > 0)
            .map(port -> new PipelineHttpServer(port, config.get(Setting.DAILY_WEBHOOK_SECRET).orElse(null), ingest,
                services))
            .orElse(null);
        if (http != null) {
          out.println("  live events:   curl -N http://localhost:" + http.port() + "/v1/transcripts/" + transcriptId
              + "/events");
        }
        if (runs.run(runId).status().isFinal()) {
          // The data directory remembers an earlier demo: process the recording again rather than reprint it.
          runId = new Reprocess(services.transcripts(), services.meetings(), runs, ingest)
              .process(transcriptId, true).runId();
          out.println("  (processed before; processing again as run " + runId + ")");
        }
        out.println("transcript " + transcriptId + ", run " + runId);
        RunView finished;
        try (TranscriptWatch watch = services.transcripts().watch(transcriptId, 0, event -> printEvent(out, event))) {
          finished = cairn.await(runId, Duration.ofMinutes(15));
        }
        report(out, services, transcriptId, finished);
        if (http != null) {
          http.close();
        }
        return finished.status();
      }
    }
  }

  private static DailyRecording readRecording(ObjectMapper json, Path sample) {
    try {
      JsonNode node = json.readTree(sample.resolve("recording.json").toFile());
      List<DailyRecording.DailyTrack> tracks = new ArrayList<>();
      for (JsonNode track : node.path("tracks")) {
        tracks.add(new DailyRecording.DailyTrack(track.path("type").asText(), track.path("s3Key").asText(),
            track.path("size").asLong()));
      }
      return new DailyRecording(node.path("id").asText(), node.path("room_name").asText(),
          node.path("start_ts").asLong(), node.path("status").asText(), node.path("duration").asInt(),
          node.path("mtgSessionId").asText(), node.path("s3key").asText(), tracks);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample recording in " + sample, e);
    }
  }

  /** Puts each track file where Daily would have written it: its key in the Daily bucket. */
  private static int seedRawTracks(PipelineServices services, String bucket, DailyRecording recording, Path tracks) {
    int count = 0;
    for (DailyRecording.DailyTrack track : recording.tracks()) {
      String basename = track.s3Key().substring(track.s3Key().lastIndexOf('/') + 1);
      Path file = tracks.resolve(basename);
      if (Files.isRegularFile(file)) {
        services.storage().put(new StorageRef(bucket, track.s3Key()), file);
        count++;
      }
    }
    return count;
  }

  private static void printEvent(PrintStream out, TranscriptEvent event) {
    String data = event.data().toString();
    if (data.length() > 110) {
      data = data.substring(0, 107) + "...";
    }
    out.printf(Locale.ROOT, "  event %-20s %s%n", event.event(), data);
  }

  private static void report(PrintStream out, PipelineServices services, String transcriptId, RunView run) {
    Transcript transcript = services.transcripts().get(transcriptId);
    out.println();
    out.println("run " + run.id() + " " + run.status() + (run.error() == null ? "" : ": " + run.error())
        + (run.finishedAt() == null ? "" : " in " + Duration.between(run.createdAt(), run.finishedAt()).toMillis()
            + " ms"));
    out.println("status:   " + transcript.status().wire());
    out.println("title:    " + transcript.title());
    out.printf(Locale.ROOT, "duration: %.1f s%n", transcript.durationMs() / 1000);
    out.println("speakers:");
    for (Participant participant : transcript.participants()) {
      out.println("  " + participant.speaker() + ": " + participant.name());
    }
    out.println("topics:");
    for (Topic topic : transcript.topics()) {
      out.printf(Locale.ROOT, "  [%5.1f s] %s%n", topic.timestamp(), topic.title());
    }
    out.println("summary:  " + transcript.shortSummary());
    out.println("mp3:      " + services.storage().presignGet(
        new StorageRef(services.transcriptBucket(), PipelineKeys.audio(transcriptId)), Duration.ofHours(1)));
    out.println("waveform: " + (transcript.waveform() == null ? "none" : transcript.waveform().size()
        + " points, stored with the transcript (" + "table transcript, column waveform) and in its WAVEFORM event"));
  }

  /** Prints each step as it starts and ends. */
  private static final class StepPrinter implements CairnListener {
    private final PrintStream out;
    private final java.util.Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();

    StepPrinter(PrintStream out) {
      this.out = out;
    }

    @Override
    public void stepStarted(String workflow, String step, Duration queuedFor) {
      // The demo has one pipeline run: a step of it starting again is resuming after waiting for its children.
      boolean again = workflow.equals(dev.cairn.pipeline.workflow.DiarizationPipeline.NAME)
          && !started.add(step);
      out.printf(Locale.ROOT, "  step  %-22s %s %s%n", workflow, step, again ? "resumed" : "started");
    }

    @Override
    public void stepSucceeded(String workflow, String step, Duration ranFor) {
      out.printf(Locale.ROOT, "  step  %-22s %s done in %d ms%n", workflow, step, ranFor.toMillis());
    }

    @Override
    public void stepFailed(String workflow, String step, Duration ranFor, boolean willRetry) {
      out.printf(Locale.ROOT, "  step  %-22s %s FAILED%s%n", workflow, step, willRetry ? " (will retry)" : "");
    }
  }
}
