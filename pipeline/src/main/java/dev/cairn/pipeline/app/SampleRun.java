package dev.cairn.pipeline.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.RunView;
import dev.cairn.Runs;
import dev.cairn.pipeline.daily.DailyRecording;
import dev.cairn.pipeline.daily.LocalDailyFolder;
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
import java.util.Locale;
import java.util.UUID;

/**
 * The sample recording fed to a pipeline as Daily would feed it (its tracks into the Daily bucket, then an ingest),
 * watched, and reported on: shared by the embedded demo and the {@code sample} command for a remote engine.
 */
final class SampleRun {
  private SampleRun() {}

  /**
   * A run the demo started: its transcript's events that belong to it number above {@code afterSeq} (a transcript
   * processed before keeps its earlier run's log until this run resets it).
   */
  record Begun(DailyIngest.Started started, long afterSeq) {}

  /** Uploads the tracks and ingests the recording; one processed before is processed again. */
  static Begun start(PipelineServices services, DailyIngest ingest, Runs runs, Path sample, PrintStream out) {
    DailyRecording recording = readRecording(services.json(), sample);
    out.println("Cairn pipeline: Daily recording " + recording.id() + " (" + recording.roomName() + ") from "
        + sample);
    out.println("  transcription: " + services.transcriber().describe());
    out.println("  summaries:     " + services.summariser().describe());
    String dailyBucket = ingest.dailyBucket();
    int seeded = seedRawTracks(services, dailyBucket, recording, sample.resolve("tracks"));
    out.println("  raw tracks:    " + seeded + " uploaded to " + dailyBucket + " as Daily would");
    DailyIngest.Started started = ingest.ingest(recording.id(), recording.roomName(), recording.startTs(),
        recording.tracks());
    long afterSeq = 0;
    if (runs.getRun(started.runId()).status().isFinal()) {
      // The database remembers an earlier run: process the recording again rather than reprint it, and show only
      // the new run's events.
      afterSeq = services.transcripts().lastEventSeq(started.transcriptId());
      UUID again = new Reprocess(services.transcripts(), services.meetings(), runs, ingest)
          .process(started.transcriptId(), true).runId();
      out.println("  (processed before; processing again as run " + again + ")");
      started = new DailyIngest.Started(started.transcriptId(), again, started.recordingId());
    }
    out.println("transcript " + started.transcriptId() + ", run " + started.runId());
    return new Begun(started, afterSeq);
  }

  /** Prints the run's transcript events until the run is final, then the report; returns the finished run. */
  static RunView follow(PipelineServices services, Runs runs, Begun begun, PrintStream out) {
    DailyIngest.Started started = begun.started();
    RunView finished;
    try (TranscriptWatch watch = services.transcripts().watch(started.transcriptId(), begun.afterSeq(),
        event -> printEvent(out, event))) {
      finished = runs.await(started.runId(), Duration.ofMinutes(15));
    }
    report(out, services, started.transcriptId(), finished);
    return finished;
  }

  /** The sample as Daily describes it, read the way the embedded Daily default reads any recording folder. */
  static DailyRecording readRecording(ObjectMapper json, Path sample) {
    try {
      String id = json.readTree(sample.resolve("recording.json").toFile()).path("id").asText();
      return new LocalDailyFolder(sample).recording(id);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample recording in " + sample, e);
    }
  }

  /** Puts each track file where Daily would have written it: its key in the Daily bucket. */
  static int seedRawTracks(PipelineServices services, String bucket, DailyRecording recording, Path tracks) {
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

  static void printEvent(PrintStream out, TranscriptEvent event) {
    String data = event.data().toString();
    if (data.length() > 110) {
      data = data.substring(0, 107) + "...";
    }
    out.printf(Locale.ROOT, "  event %-20s %s%n", event.event(), data);
  }

  static void report(PrintStream out, PipelineServices services, String transcriptId, RunView run) {
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
}
