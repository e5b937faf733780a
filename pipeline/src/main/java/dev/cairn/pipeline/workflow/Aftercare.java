package dev.cairn.pipeline.workflow;

import dev.cairn.pipeline.notify.WebhookOutcome;
import dev.cairn.pipeline.notify.ZulipMessage;
import dev.cairn.pipeline.notify.ZulipReport;
import dev.cairn.pipeline.storage.StorageRef;
import dev.cairn.pipeline.transcript.Room;
import dev.cairn.pipeline.transcript.Transcript;
import dev.cairn.pipeline.transcript.WebhookDelivery;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens once the text is done (upstream §3.7, §8): temporary files, consent, Zulip and the customer's
 * webhook. None of these marks the transcript {@code error}: the transcript is finished by then.
 */
final class Aftercare {
  private static final Logger LOG = LoggerFactory.getLogger(Aftercare.class);

  private final PipelineServices services;

  Aftercare(PipelineServices services) {
    this.services = services;
  }

  /** Deletes padded tracks; a file that will not go away is logged, not fatal (upstream does the same). */
  void deleteTemporaryFiles(List<StorageRef> files) {
    for (StorageRef file : files) {
      try {
        services.storage().delete(file);
      } catch (RuntimeException e) {
        LOG.warn("could not delete temporary file {}: {}", file, e.toString());
      }
    }
  }

  /**
   * Any refusal of consent for the meeting deletes the raw tracks and the MP3 and keeps the text. It runs after
   * the waveform step, which comes after the mixdown, so no MP3 upload can arrive after this deletion pass.
   */
  DiarizationPipeline.Consent cleanupConsent(DiarizationPipeline.Input input) {
    Transcript transcript = services.transcripts().get(input.transcriptId());
    if (!services.meetings().consentDenied(transcript.meetingId())) {
      return new DiarizationPipeline.Consent(false, transcript.meetingId() == null ? "no meeting" : "consent given");
    }
    List<StorageRef> audio = new ArrayList<>();
    for (DiarizationPipeline.Track track : input.tracks()) {
      audio.add(new StorageRef(input.bucketName(), track.s3Key()));
    }
    if ("storage".equals(transcript.audioLocation())) {
      audio.add(new StorageRef(services.transcriptBucket(), PipelineKeys.audio(input.transcriptId())));
    }
    List<String> failures = new ArrayList<>();
    for (StorageRef ref : audio) {
      try {
        services.storage().delete(ref);
      } catch (RuntimeException e) {
        failures.add(ref + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      // Retried by the engine; audio_deleted stays unset until every file is gone.
      throw new IllegalStateException("consent denied but " + failures.size() + " audio files could not be deleted: "
          + String.join("; ", failures));
    }
    services.transcripts().setAudioDeleted(input.transcriptId(), true);
    return new DiarizationPipeline.Consent(true, "consent denied: deleted " + audio.size() + " audio files");
  }

  DiarizationPipeline.Zulip postZulip(String transcriptId) {
    if (services.zulip() == null) {
      return new DiarizationPipeline.Zulip(null, true);
    }
    Transcript transcript = services.transcripts().get(transcriptId);
    Optional<Room> room = Optional.ofNullable(transcript.roomId()).flatMap(services.meetings()::room)
        .filter(r -> r.zulipAutoPost() && r.zulipStream() != null && !r.zulipStream().isBlank());
    if (room.isEmpty()) {
      return new DiarizationPipeline.Zulip(null, true);
    }
    String content = ZulipMessage.render(new ZulipReport(transcriptId, transcript.title(), transcript.createdAt(),
        services.uiBaseUrl(), transcript.durationMs(), transcript.longSummary(),
        transcript.topics().stream().map(t -> new ZulipReport.TopicLine(t.title(), t.timestamp())).toList()));
    long id = services.zulip().postOrUpdate(transcript.zulipMessageId(), room.get().zulipStream(),
        room.get().zulipTopic(), content);
    services.transcripts().setZulipMessageId(transcriptId, id);
    return new DiarizationPipeline.Zulip(id, false);
  }

  /** Sends {@code transcript.completed}; the outcome is recorded whatever it is, and never fails the run. */
  DiarizationPipeline.WebhookSent sendWebhook(String transcriptId) {
    Transcript transcript = services.transcripts().get(transcriptId);
    Optional<Room> room = Optional.ofNullable(transcript.roomId()).flatMap(services.meetings()::room);
    if (room.isEmpty() || room.get().webhookUrl() == null || room.get().webhookUrl().isBlank()) {
      return new DiarizationPipeline.WebhookSent(false, null, 0, "no webhook configured for the room");
    }
    String eventId = UUID.randomUUID().toString().replace("-", "");
    byte[] body = new WebhookPayload(services.json(), services.uiBaseUrl()).completed(eventId, transcript, room.get());
    WebhookOutcome outcome;
    try {
      outcome = services.webhooks().deliver(URI.create(room.get().webhookUrl()), room.get().webhookSecret(), body);
    } catch (InterruptedException interrupted) {
      // The engine interrupts an attempt it timed out or cancelled; keep the flag for it to see.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("webhook delivery interrupted", interrupted);
    }
    services.transcripts().recordWebhookDelivery(new WebhookDelivery(transcriptId, eventId, room.get().webhookUrl(),
        outcome.delivered(), outcome.attempts(), outcome.lastStatus(), outcome.error(), Instant.now()));
    if (!outcome.delivered()) {
      LOG.warn("webhook for transcript {} not delivered after {} attempts: {}", transcriptId, outcome.attempts(),
          outcome.error() != null ? outcome.error() : "HTTP " + outcome.lastStatus());
    }
    return new DiarizationPipeline.WebhookSent(outcome.delivered(), outcome.lastStatus(), outcome.attempts(), null);
  }
}
