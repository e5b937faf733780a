package dev.cairn.pipeline.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.pipeline.daily.DailyApi;
import dev.cairn.pipeline.notify.WebhookSender;
import dev.cairn.pipeline.notify.ZulipClient;
import dev.cairn.pipeline.storage.ObjectStorage;
import dev.cairn.pipeline.summary.Summariser;
import dev.cairn.pipeline.transcript.MeetingStore;
import dev.cairn.pipeline.transcript.TranscriptStore;
import dev.cairn.pipeline.transcription.Transcriber;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the workflows call, built once per process by {@code dev.cairn.pipeline.app.PipelineComponents}.
 *
 * @param transcriptBucket where padded tracks, words and the MP3 go (raw tracks stay in Daily's bucket)
 * @param zulip null when Zulip is not configured (posting is then skipped)
 * @param uiBaseUrl base of transcript links in Zulip messages and webhooks
 * @param scratch where steps keep temporary audio files (deleted when the step ends): this process's claim on the
 *     work directory
 * @param progressInterval how often long audio steps report progress
 */
public record PipelineServices(
    ObjectStorage storage,
    String transcriptBucket,
    DailyApi daily,
    Transcriber transcriber,
    Summariser summariser,
    TranscriptStore transcripts,
    MeetingStore meetings,
    ZulipClient zulip,
    WebhookSender webhooks,
    String uiBaseUrl,
    ScratchRoot scratch,
    Duration progressInterval,
    ObjectMapper json) {

  public PipelineServices {
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(transcriptBucket, "transcriptBucket");
    Objects.requireNonNull(daily, "daily");
    Objects.requireNonNull(transcriber, "transcriber");
    Objects.requireNonNull(summariser, "summariser");
    Objects.requireNonNull(transcripts, "transcripts");
    Objects.requireNonNull(meetings, "meetings");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(uiBaseUrl, "uiBaseUrl");
    Objects.requireNonNull(scratch, "scratch");
    Objects.requireNonNull(progressInterval, "progressInterval");
    Objects.requireNonNull(json, "json");
  }

  /** The same services over another storage (e.g. one that also keeps a copy of temporary files, for tests). */
  public PipelineServices withStorage(ObjectStorage other) {
    return new PipelineServices(other, transcriptBucket, daily, transcriber, summariser, transcripts, meetings, zulip,
        webhooks, uiBaseUrl, scratch, progressInterval, json);
  }
}
