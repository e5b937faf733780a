package dev.cairn.pipeline.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Runs;
import dev.cairn.pipeline.app.DailyIngest;
import dev.cairn.pipeline.app.Reprocess;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.SampleRecording;
import dev.cairn.pipeline.transcript.TranscriptStatus;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process command (upstream §1.4): replay a failed run; --force starts afresh and the per-transcript
 * concurrency key cancels the run in progress.
 */
class ReprocessTest {
  @TempDir
  Path temp;

  @Test
  void aFailedRunIsReplayedAndForceCancelsARunningOneAndStartsAfresh() {
    try (FakeServices fakes = new FakeServices();
        PipelineHarness pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes, temp.resolve("s")))) {
      SampleRecording recording = pipeline.sample(fakes, "again", null);
      Reprocess reprocess = new Reprocess(pipeline.services().transcripts(), pipeline.services().meetings(),
          pipeline.cairn(), pipeline.ingest());

      // The transcription service is down: transcription is retried (3 retries), then the run fails.
      fakes.asrDown(true);
      DailyIngest.Started started = pipeline.process(recording);
      RunView failed = pipeline.await(started.runId());
      assertEquals(RunStatus.FAILED, failed.status());
      assertTrue(failed.error().contains("answered 503"), failed.error());
      assertEquals(TranscriptStatus.ERROR, pipeline.services().transcripts().get(started.transcriptId()).status());
      assertEquals(4, fakes.transcriptionsOf(0), "1 attempt + 3 retries");

      // Replay: the same run; only the failed steps run again (every track is padded once in all).
      fakes.asrDown(false);
      Reprocess.Outcome replayed = reprocess.process(started.transcriptId(), false);
      assertEquals("replayed", replayed.action());
      assertEquals(started.runId(), replayed.runId());
      assertEquals(RunStatus.SUCCEEDED, pipeline.await(started.runId()).status());
      assertEquals(5, fakes.transcriptionsOf(0), "the replay transcribed each track once more");
      assertEquals(TranscriptStatus.ENDED, pipeline.services().transcripts().get(started.transcriptId()).status());
      assertEquals(3, TestDatabase.queryLong("SELECT count(*) FROM " + pipeline.schema() + ".steps"
          + " WHERE step_name = 'pad_track' AND attempt = 1 AND status = 'SUCCEEDED'"), "no track padded twice");
      assertNull(pipeline.services().transcripts().get(started.transcriptId()).workflowRunId(),
          "a finished run leaves nothing to resume");

      // --force while a run is in progress: it is cancelled and a fresh one does the work.
      fakes.holdTrack(1);
      int before = fakes.transcriptionsOf(1);
      Reprocess.Outcome fresh = reprocess.process(started.transcriptId(), true);
      assertNotEquals(started.runId(), fresh.runId());
      Await.until("the fresh run is transcribing", Duration.ofMinutes(1), () -> fakes.transcriptionsOf(1) == before + 1);
      IllegalStateException busy = assertThrows(IllegalStateException.class,
          () -> reprocess.process(started.transcriptId(), false));
      assertTrue(busy.getMessage().contains("already being processed by run " + fresh.runId()), busy.getMessage());
      Reprocess.Outcome forced = reprocess.process(started.transcriptId(), true);
      assertTrue(forced.action().startsWith("cancelled " + fresh.runId()), forced.action());
      fakes.releaseTrack(1);
      RunView replaced = pipeline.await(fresh.runId());
      assertEquals(RunStatus.CANCELLED, replaced.status());
      assertTrue(replaced.error().contains("replaced by newer run " + forced.runId()), replaced.error());
      assertEquals(RunStatus.SUCCEEDED, pipeline.await(forced.runId()).status());
      assertEquals(TranscriptStatus.ENDED, pipeline.services().transcripts().get(started.transcriptId()).status());
    }
  }
}
