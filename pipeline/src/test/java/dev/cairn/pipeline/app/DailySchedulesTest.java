package dev.cairn.pipeline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.Cairn;
import dev.cairn.NotFoundException;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.SampleRecording;
import dev.cairn.pipeline.transcript.TranscriptStatus;
import dev.cairn.pipeline.workflow.DiarizationPipeline;
import dev.cairn.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream's beat jobs as Cairn schedules, driven by the engine's clock (no waiting for real ticks): the Daily
 * poller ingests new finished raw-tracks recordings once, and the nightly reprocess restarts failed transcripts.
 */
class DailySchedulesTest {
  private static final Duration WAIT = Duration.ofMinutes(3);
  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path temp;

  @Test
  void thePollerIngestsNewFinishedRecordingsOnceAndTheNightlyReprocessRestartsAFailedTranscript() {
    ManualClock clock = new ManualClock(Instant.parse("2030-01-07T04:56:30Z"));
    try (FakeServices fakes = new FakeServices();
        PipelineHarness pipeline = PipelineHarness.withClock(PipelineHarness.localSettings(fakes, temp.resolve("s")),
            clock)) {
      Cairn cairn = pipeline.cairn();
      DailyMaintenance.applySchedules(cairn.schedules(), pipeline.config());
      assertEquals(Instant.parse("2030-01-07T04:57:00Z"), cairn.schedules().get(DailyMaintenance.POLL).nextDueAt(),
          "every 180 s");
      assertEquals(Instant.parse("2030-01-07T05:00:00Z"),
          cairn.schedules().get(DailyMaintenance.REPROCESS).nextDueAt(), "05:00 UTC");

      SampleRecording recording = pipeline.sample(fakes, "polled", null);
      fakes.list(listed("rec-in-progress", "in-progress", 60, true));
      fakes.list(listed("rec-no-duration", "finished", null, true));
      fakes.list(listed("rec-no-tracks", "finished", 60, false));

      clock.advance(Duration.ofSeconds(30));
      RunView firstPoll = finishedRunOf(cairn, DailyMaintenance.POLL, 1);
      assertEquals(List.of(recording.recordingId()), firstPoll.result(List.class), "only the finished raw-tracks one");
      List<RunSummary> pipelineRuns = pipelineRunsOf(cairn, recording.recordingId());
      assertEquals(1, pipelineRuns.size());
      assertEquals(RunStatus.SUCCEEDED, pipeline.await(pipelineRuns.get(0).id()).status());
      for (String skipped : List.of("rec-in-progress", "rec-no-duration", "rec-no-tracks")) {
        assertTrue(pipeline.services().meetings().recording(skipped).isEmpty(), skipped + " is not ingested");
      }

      // The transcript failed since: at 05:00 the reprocess restarts it, and the poll that ticks with it starts
      // nothing (the recording is stored).
      String transcriptId = pipeline.services().transcripts().transcriptForRecording(recording.recordingId(), null,
          null);
      pipeline.services().transcripts().setStatus(transcriptId, TranscriptStatus.ERROR);
      clock.advanceTo(Instant.parse("2030-01-07T05:00:00Z"));
      RunView reprocess = finishedRunOf(cairn, DailyMaintenance.REPROCESS, 1);
      List<?> restarted = reprocess.result(List.class);
      assertEquals(1, restarted.size());
      UUID fresh = UUID.fromString((String) restarted.get(0));
      RunView freshRun = pipeline.await(fresh);
      assertEquals(RunStatus.SUCCEEDED, freshRun.status());
      assertEquals("true", freshRun.metadata().get("reprocess"));
      assertEquals(recording.recordingId(), freshRun.metadata().get("recording_id"));
      assertEquals(TranscriptStatus.ENDED, pipeline.services().transcripts().get(transcriptId).status());
      assertEquals(List.of(), finishedRunOf(cairn, DailyMaintenance.POLL, 2).result(List.class));
      assertEquals(2, pipelineRunsOf(cairn, recording.recordingId()).size(), "the first run and the reprocess");
    }
  }

  @Test
  void thePollerIsScheduledOnlyAgainstDailyWithoutAWebhookSecret() {
    try (FakeServices fakes = new FakeServices()) {
      Map<String, String> settings = PipelineHarness.localSettings(fakes, temp.resolve("s"));
      settings.put("DAILY_WEBHOOK_SECRET", "c2VjcmV0");
      try (PipelineHarness pipeline = new PipelineHarness(settings)) {
        DailyMaintenance.applySchedules(pipeline.cairn().schedules(), PipelineConfig.from(Map.of()));
        assertThrows(NotFoundException.class, () -> pipeline.cairn().schedules().get(DailyMaintenance.POLL),
            "no DAILY_API_KEY: nothing to poll");
        DailyMaintenance.applySchedules(pipeline.cairn().schedules(), pipeline.config());
        assertThrows(NotFoundException.class, () -> pipeline.cairn().schedules().get(DailyMaintenance.POLL),
            "webhooks bring the recordings");
        settings.remove("DAILY_WEBHOOK_SECRET");
        DailyMaintenance.applySchedules(pipeline.cairn().schedules(), PipelineConfig.from(settings));
        assertEquals("*/3 * * * *", pipeline.cairn().schedules().get(DailyMaintenance.POLL).cron());
        DailyMaintenance.applySchedules(pipeline.cairn().schedules(), pipeline.config());
        assertThrows(NotFoundException.class, () -> pipeline.cairn().schedules().get(DailyMaintenance.POLL),
            "a webhook secret configured later deletes it");
        assertEquals("0 5 * * *", pipeline.cairn().schedules().get(DailyMaintenance.REPROCESS).cron());
      }
    }
  }

  private ObjectNode listed(String id, String status, Integer duration, boolean tracks) {
    ObjectNode recording = json.createObjectNode().put("id", id).put("room_name", id + "-20300107045000")
        .put("start_ts", 1_893_992_400L).put("status", status);
    if (duration == null) {
      recording.putNull("duration");
    } else {
      recording.put("duration", duration);
    }
    if (tracks) {
      recording.putArray("tracks").addObject().put("type", "audio").put("s3Key",
          "d/" + id + "-20300107045000/1893992400000-a1b2c3d4-cam-audio-1893992401000").put("size", 1024);
    } else {
      recording.putArray("tracks");
    }
    return recording;
  }

  /** The {@code nth} run of the workflow once it has finished (runs listed newest first). */
  private static RunView finishedRunOf(Cairn cairn, String workflow, int nth) {
    Await.until(workflow + " run " + nth + " finished", WAIT, () -> {
      List<RunSummary> runs = cairn.listRuns(RunQuery.builder().workflow(workflow).build()).runs();
      return runs.size() >= nth && runs.get(runs.size() - nth).status().isFinal();
    });
    List<RunSummary> runs = cairn.listRuns(RunQuery.builder().workflow(workflow).build()).runs();
    RunView run = cairn.getRun(runs.get(runs.size() - nth).id());
    assertEquals(RunStatus.SUCCEEDED, run.status(), String.valueOf(run.error()));
    return run;
  }

  private static List<RunSummary> pipelineRunsOf(Cairn cairn, String recordingId) {
    return cairn.listRuns(RunQuery.builder().workflow(DiarizationPipeline.NAME).metadata("recording_id", recordingId)
        .build()).runs();
  }
}
