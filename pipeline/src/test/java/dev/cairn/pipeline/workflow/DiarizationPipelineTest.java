package dev.cairn.pipeline.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.pipeline.app.DailyIngest;
import dev.cairn.pipeline.app.PipelineComponents;
import dev.cairn.pipeline.model.Participant;
import dev.cairn.pipeline.model.Word;
import dev.cairn.pipeline.notify.WebhookSignature;
import dev.cairn.pipeline.storage.StorageRef;
import dev.cairn.pipeline.testing.Decoded;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.SampleRecording;
import dev.cairn.pipeline.testing.StubHttpServer;
import dev.cairn.pipeline.transcript.EventType;
import dev.cairn.pipeline.transcript.Room;
import dev.cairn.pipeline.transcript.Transcript;
import dev.cairn.pipeline.transcript.TranscriptEvent;
import dev.cairn.pipeline.transcript.TranscriptStatus;
import dev.cairn.pipeline.transcript.WebhookDelivery;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the sample recording, embedded in an engine on real PostgreSQL, with real FFmpeg and
 * local storage; Daily, the transcription service, Zulip and the webhook receivers are local HTTP servers.
 */
class DiarizationPipelineTest {
  private static final String WEBHOOK_SECRET = "customer-webhook-secret";
  private static final ObjectMapper JSON = PipelineComponents.json();

  @TempDir
  static Path temp;

  static FakeServices fakes;
  static PipelineHarness pipeline;

  @BeforeAll
  static void start() {
    fakes = new FakeServices();
    pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes, temp.resolve("storage")), temp.resolve("kept"));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
    fakes.close();
  }

  /** A fresh copy of the sample in its own room, which posts to Zulip and calls the {@code webhook} receiver. */
  private static SampleRecording sample(String webhook) {
    return pipeline.sample(fakes, "e2e", room -> new Room("room-" + room, room, true, "meetings", "Recordings",
        fakes.hook(webhook), WEBHOOK_SECRET));
  }

  @Test
  void theSampleRecordingBecomesAnEndedTranscriptWithEverythingUpstreamProduces() throws Exception {
    SampleRecording recording = sample("ok");
    HttpResponse<String> accepted = pipeline.postDailyWebhook(recording.webhookJson().toString(), pipeline.dailySecret());
    assertEquals(200, accepted.statusCode(), accepted.body());
    JsonNode reply = JSON.readTree(accepted.body());
    String transcriptId = reply.path("transcript_id").asText();
    RunView run = pipeline.await(UUID.fromString(reply.path("run_id").asText()));
    assertEquals(RunStatus.SUCCEEDED, run.status(), () -> "run failed: " + run.error());

    Transcript transcript = pipeline.services().transcripts().get(transcriptId);
    assertEquals(TranscriptStatus.ENDED, transcript.status());
    JsonNode expected = recording.expected();

    // Participants and names as Daily's answers say; only the three cam-audio keys became speakers.
    List<Participant> participants = transcript.participants();
    assertEquals(3, participants.size());
    for (JsonNode track : expected.path("tracks")) {
      Participant participant = participants.get(track.path("index").asInt());
      assertEquals(track.path("participant_id").asText(), participant.id());
      assertEquals(track.path("participant_name").asText(), participant.name());
      assertEquals(track.path("user_id").isNull() ? null : track.path("user_id").asText(), participant.userId());
    }
    assertEquals(3, run.output("process_tracks", DiarizationPipeline.MergedTracks.class).numTracks());

    // Merged words equal the reference (text, speaker, order exactly; times within the stated 0.3 s).
    List<Word> words = new ArrayList<>();
    transcript.topics().forEach(topic -> words.addAll(topic.words()));
    List<Word> reference = recording.expectedWords();
    assertEquals(reference.size(), words.size());
    for (int i = 0; i < reference.size(); i++) {
      assertEquals(reference.get(i).text(), words.get(i).text(), "word " + i);
      assertEquals(reference.get(i).speaker(), words.get(i).speaker(), "speaker of word " + i);
      assertEquals(reference.get(i).start(), words.get(i).start(), 0.3, "start of word " + i);
    }

    // Each padded track starts with its offset of silence (decoded and measured).
    for (JsonNode track : expected.path("tracks")) {
      int index = track.path("index").asInt();
      Path padded = pipeline.keepingStorage().kept(PipelineKeys.paddedTrack(transcriptId, index));
      Decoded decoded = Decoded.of(padded, Decoded.SPEECH_OR_NOISE_THRESHOLD);
      assertEquals(Math.floor(track.path("offset_s").asDouble() * 1000) / 1000, decoded.firstAboveS(), 0.020,
          "leading silence of padded track " + index);
      assertFalse(pipeline.services().storage().exists(new StorageRef(PipelineHarness.TRANSCRIPT_BUCKET,
          PipelineKeys.paddedTrack(transcriptId, index))), "cleanup_consent deletes temporary padded tracks");
    }

    // The mixdown lasts as long as the longest padded track; the waveform correlates with the reference.
    JsonNode mixReference = JSON.readTree(SampleRecording.DIR.resolve("mixdown-reference.json").toFile());
    Path mp3 = temp.resolve("audio-" + transcriptId + ".mp3");
    pipeline.services().storage().get(new StorageRef(PipelineHarness.TRANSCRIPT_BUCKET,
        PipelineKeys.audio(transcriptId)), mp3);
    assertEquals(mixReference.path("expected_duration_s").asDouble(), Decoded.of(mp3, 1f).durationS(), 0.050);
    assertEquals(255, transcript.waveform().size());
    List<Double> referenceWave = new ArrayList<>();
    mixReference.path("waveform").forEach(v -> referenceWave.add(v.asDouble()));
    double pearson = pearson(transcript.waveform(), referenceWave);
    assertTrue(pearson >= 0.9, "waveform correlation " + pearson);
    assertEquals("storage", transcript.audioLocation());
    assertTrue(pipeline.cairn().events(run.id(), 0, 1000).stream().anyMatch(e -> e.type().equals("mixdown_progress")
        && "mixdown_tracks".equals(e.stepName()) && readTree(e.payloadJson()).path("percent").asInt() == 100),
        "the mixdown reports its progress in the run's event log");

    // Events in the order a watcher must see them.
    List<TranscriptEvent> events = pipeline.services().transcripts().events(transcriptId, 0, 1000);
    List<EventType> types = events.stream().map(TranscriptEvent::event).toList();
    assertEquals(EventType.STATUS, types.get(0));
    assertEquals("processing", events.get(0).data().path("value").asText());
    assertEquals(EventType.DURATION, types.get(1));
    assertEquals(85_000.0, events.get(1).data().path("duration").asDouble());
    assertEquals(transcript.topics().size(), types.stream().filter(EventType.TOPIC::equals).count());
    assertTrue(transcript.topics().size() >= 1);
    assertBefore(types, EventType.TOPIC, EventType.FINAL_TITLE);
    assertBefore(types, EventType.TOPIC, EventType.FINAL_SHORT_SUMMARY);
    assertBefore(types, EventType.FINAL_SHORT_SUMMARY, EventType.FINAL_LONG_SUMMARY);
    assertBefore(types, EventType.FINAL_TITLE, EventType.TRANSCRIPT);
    assertBefore(types, EventType.ACTION_ITEMS, EventType.TRANSCRIPT);
    assertTrue(types.contains(EventType.WAVEFORM));
    assertEquals(1, types.stream().filter(EventType.TRANSCRIPT::equals).count());
    int transcriptAt = types.indexOf(EventType.TRANSCRIPT);
    assertEquals("", events.get(transcriptAt).data().path("text").asText());
    assertEquals(EventType.STATUS, types.get(transcriptAt + 1));
    assertEquals("ended", events.get(transcriptAt + 1).data().path("value").asText());
    assertTrue(events.stream().noneMatch(e -> e.event() == EventType.STATUS
        && "error".equals(e.data().path("value").asText())), "no step failed on the way");

    // Consent was never refused: nothing was deleted.
    assertEquals(null, transcript.audioDeleted());
    assertTrue(pipeline.services().storage().exists(new StorageRef(PipelineHarness.DAILY_BUCKET,
        recording.camAudioKeys().get(0))));

    // Zulip got the upstream layout.
    StubHttpServer.Request zulip = fakes.server().awaitRequests("/api/v1/messages", 1, Duration.ofSeconds(10)).get(0);
    Map<String, String> form = form(zulip.bodyText());
    assertEquals("stream", form.get("type"));
    assertEquals("meetings", form.get("to"));
    assertEquals("Recordings", form.get("topic"));
    String content = form.get("content");
    assertTrue(content.startsWith("# Reflector – " + transcript.title() + "\n\n"), content);
    assertTrue(content.contains("**Duration**: 01:25\n"), content);
    assertTrue(content.contains("**Link**: [reflector.example.com](https://reflector.example.com/transcripts/"
        + transcriptId + ")"), content);
    assertTrue(content.contains("```spoiler Summary\n"), content);
    assertTrue(content.contains("```spoiler Topics\n1. [00:0"), content);
    assertTrue(content.strip().endsWith("-----"), content);
    assertEquals(FakeServices.ZULIP_MESSAGE_ID, transcript.zulipMessageId());

    // The customer's webhook got the upstream payload with a signature that verifies.
    StubHttpServer.Request hook = fakes.server().awaitRequests("/hooks/ok", 1, Duration.ofSeconds(10)).get(0);
    String signature = hook.header("X-Webhook-Signature");
    assertTrue(WebhookSignature.verify(WEBHOOK_SECRET, signature, hook.body()), signature);
    assertEquals("transcript.completed", hook.header("X-Webhook-Event"));
    JsonNode payload = JSON.readTree(hook.body());
    assertEquals("transcript.completed", payload.path("event").asText());
    JsonNode sent = payload.path("transcript");
    assertEquals(transcriptId, sent.path("id").asText());
    assertEquals("ended", sent.path("status").asText());
    assertEquals(transcript.title(), sent.path("title").asText());
    assertEquals(3, sent.path("participants").size());
    assertEquals(transcript.topics().size(), sent.path("topics").size());
    assertTrue(sent.path("webvtt").asText().startsWith("WEBVTT"));
    for (String field : List.of("room_id", "created_at", "duration", "short_summary", "long_summary",
        "source_language", "target_language", "frontend_url", "action_items")) {
      assertTrue(sent.has(field), "payload lacks transcript." + field);
    }
    assertTrue(payload.has("calendar_event"));
    List<WebhookDelivery> deliveries = pipeline.services().transcripts().webhookDeliveries(transcriptId);
    assertEquals(1, deliveries.size());
    assertTrue(deliveries.get(0).delivered());
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("event payload is not JSON: " + json, e);
    }
  }

  private static void assertBefore(List<EventType> types, EventType first, EventType then) {
    assertTrue(types.contains(first) && types.contains(then), types.toString());
    assertTrue(types.indexOf(first) < types.indexOf(then), first + " must come before " + then + ": " + types);
  }

  private static double pearson(List<Double> a, List<Double> b) {
    double meanA = a.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double meanB = b.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double cov = 0;
    double varA = 0;
    double varB = 0;
    for (int i = 0; i < a.size(); i++) {
      cov += (a.get(i) - meanA) * (b.get(i) - meanB);
      varA += (a.get(i) - meanA) * (a.get(i) - meanA);
      varB += (b.get(i) - meanB) * (b.get(i) - meanB);
    }
    return cov / Math.sqrt(varA * varB);
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return form;
  }


  static DailyIngest.Started ingest(SampleRecording recording) {
    return pipeline.process(recording);
  }
}
