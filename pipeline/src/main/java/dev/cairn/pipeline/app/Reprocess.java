package dev.cairn.pipeline.app;

import dev.cairn.CairnException;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Runs;
import dev.cairn.pipeline.daily.DailyTrackKey;
import dev.cairn.pipeline.transcript.MeetingStore;
import dev.cairn.pipeline.transcript.Recording;
import dev.cairn.pipeline.transcript.Transcript;
import dev.cairn.pipeline.transcript.TranscriptStatus;
import dev.cairn.pipeline.transcript.TranscriptStore;
import dev.cairn.pipeline.transcript.UnknownTranscriptException;
import java.util.List;
import java.util.UUID;

/**
 * Process or reprocess a transcript (upstream §1.4): a failed run is replayed (only its failed steps run again,
 * with the code registered now); {@code force} starts a fresh run while one is in progress, and the pipeline's
 * per-transcript concurrency key ({@code CANCEL_IN_PROGRESS}) cancels the one in progress, naming the fresh run as
 * the reason, in the fresh run's own transaction; a finished or cancelled run is followed by a fresh one.
 */
public final class Reprocess {
  /** What was done, for the command's output. */
  public record Outcome(String action, UUID runId) {}

  private final TranscriptStore transcripts;
  private final MeetingStore meetings;
  private final Runs runs;
  private final DailyIngest ingest;

  public Reprocess(TranscriptStore transcripts, MeetingStore meetings, Runs runs, DailyIngest ingest) {
    this.transcripts = transcripts;
    this.meetings = meetings;
    this.runs = runs;
    this.ingest = ingest;
  }

  public Outcome process(String transcriptId, boolean force) {
    Transcript transcript = transcripts.find(transcriptId)
        .orElseThrow(() -> new UnknownTranscriptException(transcriptId));
    if (transcript.locked()) {
      throw new IllegalStateException("transcript " + transcriptId + " is locked");
    }
    if (transcript.recordingId() == null) {
      throw new IllegalStateException("transcript " + transcriptId + " is not ready: it has no recording");
    }
    Recording recording = meetings.recording(transcript.recordingId()).orElseThrow(() ->
        new IllegalStateException("transcript " + transcriptId + " names recording " + transcript.recordingId()
            + ", which is not stored"));
    // Filtered here as in get_participants, so word speakers and participant speakers agree (upstream §1.4 pitfall).
    List<String> camAudio = recording.trackKeys() == null ? List.of() : DailyTrackKey.camAudioKeys(recording.trackKeys());
    if (camAudio.isEmpty()) {
      throw new IllegalStateException("recording " + recording.id() + " has no cam-audio tracks to process");
    }
    UUID current = transcript.workflowRunId();
    if (current != null) {
      RunView run = knownRun(current);
      if (run != null && !run.status().isFinal() && !force) {
        throw new IllegalStateException("transcript " + transcriptId + " is already being processed by run " + current
            + " (" + run.status() + "); use --force to cancel it and start again");
      }
      if (run != null && run.status() == RunStatus.FAILED && !force) {
        transcripts.setStatus(transcriptId, TranscriptStatus.PROCESSING);
        runs.replay(current);
        return new Outcome("replayed", current);
      }
    }
    UUID fresh = ingest.start(transcriptId, recording, camAudio, transcript.roomId(), true);
    return new Outcome(force && current != null ? "cancelled " + current + " and started" : "started", fresh);
  }

  /** The run, or null when the engine does not know it (then, as upstream, it blocks nothing). */
  private RunView knownRun(UUID runId) {
    try {
      return runs.getRun(runId);
    } catch (CairnException unknown) {
      return null;
    }
  }
}
