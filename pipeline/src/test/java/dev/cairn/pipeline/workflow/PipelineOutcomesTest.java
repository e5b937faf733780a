package dev.cairn.pipeline.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.TriggerOptions;
import dev.cairn.pipeline.app.DailyIngest;
import dev.cairn.pipeline.app.PipelineComponents;
import dev.cairn.pipeline.storage.ObjectStorage;
import dev.cairn.pipeline.storage.StorageRef;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.ForwardingStorage;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.SampleRecording;
import dev.cairn.pipeline.testing.StubHttpServer;
import dev.cairn.pipeline.transcript.EventType;
import dev.cairn.pipeline.transcript.Recording;
import dev.cairn.pipeline.transcript.Room;
import dev.cairn.pipeline.transcript.Transcript;
import dev.cairn.pipeline.transcript.TranscriptStatus;
import dev.cairn.pipeline.transcript.WebhookDelivery;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pipeline does around the happy path: consent, customers' webhooks that fail, Daily's webhook
 * signature and redeliveries, and bad input at the boundary.
 */
class PipelineOutcomesTest {
  private static final ObjectMapper JSON = PipelineComponents.json();

  @TempDir
  static Path temp;

  static FakeServices fakes;
  static PipelineHarness pipeline;

  @BeforeAll
  static void start() {
    fakes = new FakeServices();
    pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes, temp.resolve("storage")));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
    fakes.close();
  }

  private static SampleRecording sample(String webhook) {
    return pipeline.sample(fakes, "outcome", room -> new Room("room-" + room, room, false, null, null,
        webhook == null ? null : fakes.hook(webhook), "s3cret"));
  }

  private static RunView run(DailyIngest.Started started) {
    return pipeline.await(started.runId());
  }

  private static boolean exists(String bucket, String key) {
    return pipeline.services().storage().exists(new StorageRef(bucket, key));
  }

  @Test
  void deniedConsentDeletesRawTracksAndTheMp3AndKeepsTheText() {
    SampleRecording recording = sample(null);
    // Daily's room is known as a meeting with one participant refusing consent.
    String roomName = recording.dailyRoomName();
    String meetingId = "meeting-" + recording.recordingId();
    pipeline.services().meetings().saveMeeting(meetingId, null, roomName, Instant.parse("2026-11-03T14:00:00Z"));
    pipeline.services().meetings().recordConsent(meetingId, "u1", true);
    pipeline.services().meetings().recordConsent(meetingId, null, false);

    DailyIngest.Started started = pipeline.process(recording);
    RunView run = run(started);
    assertEquals(RunStatus.SUCCEEDED, run.status(), run::error);
    Transcript transcript = pipeline.services().transcripts().get(started.transcriptId());
    assertEquals(meetingId, transcript.meetingId());
    assertEquals(Boolean.TRUE, transcript.audioDeleted());
    for (String key : recording.camAudioKeys()) {
      assertFalse(exists(PipelineHarness.DAILY_BUCKET, key), "raw track still there: " + key);
    }
    assertFalse(exists(PipelineHarness.TRANSCRIPT_BUCKET, PipelineKeys.audio(started.transcriptId())));
    assertEquals(TranscriptStatus.ENDED, transcript.status());
    assertFalse(transcript.topics().isEmpty(), "the text is kept");
    assertNotNull(transcript.title());
    assertNotNull(transcript.longSummary());
  }

  @Test
  void aFlakyReceiverGetsTheWebhookOnTheThirdTryAndABrokenOneDoesNotFailTheRun() throws Exception {
    SampleRecording flaky = sample("flaky");
    SampleRecording broken = sample("bad");
    DailyIngest.Started first = pipeline.process(flaky);
    DailyIngest.Started second = pipeline.process(broken);
    assertEquals(RunStatus.SUCCEEDED, run(first).status());
    RunView brokenRun = run(second);
    assertEquals(RunStatus.SUCCEEDED, brokenRun.status(),
        () -> "a customer's broken endpoint never fails the run: " + brokenRun.error());

    List<StubHttpServer.Request> flakyRequests = fakes.server().requests("/hooks/flaky");
    assertEquals(3, flakyRequests.size());
    assertEquals(List.of("0", "1", "2"), flakyRequests.stream().map(r -> r.header("X-Webhook-Retry")).toList());
    WebhookDelivery delivered = pipeline.services().transcripts().webhookDeliveries(first.transcriptId()).get(0);
    assertTrue(delivered.delivered());
    assertEquals(3, delivered.attempts());
    assertEquals(200, delivered.responseCode());

    assertEquals(1, fakes.server().requests("/hooks/bad").size(), "a 4xx is never retried");
    WebhookDelivery refused = pipeline.services().transcripts().webhookDeliveries(second.transcriptId()).get(0);
    assertFalse(refused.delivered());
    assertEquals(1, refused.attempts());
    assertEquals(400, refused.responseCode());
    assertEquals(TranscriptStatus.ENDED, pipeline.services().transcripts().get(second.transcriptId()).status());
    DiarizationPipeline.WebhookSent output = brokenRun.output("send_webhook", DiarizationPipeline.WebhookSent.class);
    assertFalse(output.sent());
    assertEquals(400, output.statusCode());
  }

  @Test
  void dailyWebhooksAreVerifiedAndARedeliveryStartsNothingNew() throws Exception {
    SampleRecording recording = sample(null);
    String body = recording.webhookJson().toString();
    long runsBefore = runCount();

    HttpResponse<String> forged = pipeline.postDailyWebhook(body, Base64.getEncoder().encodeToString(new byte[32]));
    assertEquals(401, forged.statusCode());
    assertTrue(pipeline.services().meetings().recording(recording.recordingId()).isEmpty(), "nothing recorded");
    assertEquals(runsBefore, runCount(), "nothing started");

    HttpResponse<String> first = pipeline.postDailyWebhook(body, pipeline.dailySecret());
    HttpResponse<String> again = pipeline.postDailyWebhook(body, pipeline.dailySecret());
    assertEquals(200, first.statusCode(), first.body());
    assertEquals(200, again.statusCode(), again.body());
    JsonNode one = JSON.readTree(first.body());
    JsonNode two = JSON.readTree(again.body());
    assertEquals(one.path("run_id").asText(), two.path("run_id").asText());
    assertEquals(one.path("transcript_id").asText(), two.path("transcript_id").asText());
    assertEquals(runsBefore + 1, runCount(), "one run for the recording");
    assertEquals(RunStatus.SUCCEEDED, pipeline.await(UUID.fromString(one.path("run_id").asText())).status());

    ObjectNode videoOnly = new SampleRecording("video-" + System.nanoTime(),
        "video", "video-room").webhookJson();
    ((ArrayNode) videoOnly.path("payload").path("tracks")).removeAll();
    ((ArrayNode) videoOnly.path("payload").path("tracks")).addObject()
        .put("type", "video").put("s3Key", "video/room/1793714731614-61ec1308-9754-4cb6-9523-9ceec720715a-cam-video-1")
        .put("size", 10);
    HttpResponse<String> ignored = pipeline.postDailyWebhook(videoOnly.toString(), pipeline.dailySecret());
    assertEquals(200, ignored.statusCode(), "acknowledged, so Daily keeps the webhook enabled");
    assertEquals("ignored", JSON.readTree(ignored.body()).path("status").asText());
    assertTrue(JSON.readTree(ignored.body()).path("reason").asText().contains("no cam-audio tracks"), ignored.body());
    assertEquals(runsBefore + 1, runCount(), "a recording without speakers starts nothing");

    HttpResponse<String> test = pipeline.postDailyWebhook("{\"test\":\"test\"}", pipeline.dailySecret());
    assertEquals(200, test.statusCode());
    assertEquals("ok", JSON.readTree(test.body()).path("status").asText());
  }

  @Test
  void aFailedAttemptMarksTheTranscriptErrorAndTheRetrysSuccessMarksItProcessingAgain() {
    SampleRecording recording = sample(null);
    fakes.failTranscriptions(1);
    DailyIngest.Started started = pipeline.process(recording);
    assertEquals(RunStatus.SUCCEEDED, run(started).status());
    List<String> statuses = pipeline.services().transcripts().events(started.transcriptId(), 0, 1000).stream()
        .filter(e -> e.event() == EventType.STATUS)
        .map(e -> e.data().path("value").asText()).toList();
    assertEquals(List.of("processing", "error", "processing", "ended"), statuses);
  }

  @Test
  void aWaveformThatFailsOnceAfterFinalizeLeavesTheTranscriptEnded() {
    AtomicReference<PipelineHarness> harness = new AtomicReference<>();
    AtomicBoolean failed = new AtomicBoolean();
    // The waveform step's first download of the MP3 waits until finalize has ended the transcript, then fails.
    UnaryOperator<ObjectStorage> flakyMp3 =
        storage -> new ForwardingStorage(storage) {
          @Override
          public void get(StorageRef ref, Path target) {
            if (ref.key().endsWith("/audio.mp3") && failed.compareAndSet(false, true)) {
              String transcriptId = ref.key().substring(0, ref.key().indexOf('/'));
              Await.until("finalize ended the transcript", Duration.ofMinutes(1),
                  () -> harness.get().services().transcripts().textFinished(transcriptId));
              throw new IllegalStateException("storage hiccup reading " + ref);
            }
            super.get(ref, target);
          }
        };
    try (PipelineHarness flaky = new PipelineHarness(PipelineHarness.localSettings(fakes, temp.resolve("flaky")),
        flakyMp3)) {
      harness.set(flaky);
      SampleRecording recording = flaky.sample(fakes, "late-waveform", null);
      DailyIngest.Started started = flaky.process(recording);
      RunView run = flaky.await(started.runId());
      assertEquals(RunStatus.SUCCEEDED, run.status(), run::error);
      assertEquals(2, run.step("generate_waveform").orElseThrow().attempts());
      List<String> statuses = flaky.services().transcripts().events(started.transcriptId(), 0, 1000).stream()
          .filter(e -> e.event() == EventType.STATUS)
          .map(e -> e.data().path("value").asText()).toList();
      assertEquals(List.of("processing", "ended", "error", "ended"), statuses);
      assertEquals(TranscriptStatus.ENDED, flaky.services().transcripts().get(started.transcriptId()).status());
    }
  }

  @Test
  void anEmptyTrackListFailsTheRunAndTheTranscriptWithTheReason() {
    String transcriptId = transcriptFor("empty-" + System.nanoTime(), List.of("x/y/1793714731614-61ec1308-9754-4cb6-"
        + "9523-9ceec720715a-cam-audio-1793714732306"));
    RunView run = trigger(transcriptId, List.of());
    assertEquals(RunStatus.FAILED, run.status());
    assertTrue(run.error().contains("has no audio tracks to process"), run.error());
    assertEquals(TranscriptStatus.ERROR, pipeline.services().transcripts().get(transcriptId).status());
    assertEquals(1, run.step("get_recording").orElseThrow().attempts(), "input errors are not retried");
  }

  @Test
  void aRunForATranscriptThatDoesNotExistFailsOnceWithItsId() {
    RunView run = pipeline.await(pipeline.cairn().trigger(DiarizationPipeline.NAME, new DiarizationPipeline.Input(
        "rec-x", List.of(), PipelineHarness.DAILY_BUCKET, "no-such-transcript", null), TriggerOptions.NONE).id());
    assertEquals(RunStatus.FAILED, run.status());
    assertTrue(run.error().contains("no transcript with id no-such-transcript"), run.error());
    assertEquals(1, run.step("get_recording").orElseThrow().attempts());
  }

  @Test
  void aTrackKeyThatDoesNotParseIsNamed() {
    String transcriptId = transcriptFor("badkey-" + System.nanoTime(), List.of("acme/room/not-a-daily-cam-audio-key"));
    RunView run = trigger(transcriptId, List.of("acme/room/not-a-daily-cam-audio-key"));
    assertEquals(RunStatus.FAILED, run.status());
    assertTrue(run.error().contains("track 0 key 'acme/room/not-a-daily-cam-audio-key' does not parse"), run.error());
    assertEquals(TranscriptStatus.ERROR, pipeline.services().transcripts().get(transcriptId).status());
  }

  @Test
  void aTrackThatIsNotAudioFailsOnceWithTheReason() {
    SampleRecording recording = sample(null);
    String key = recording.camAudioKeys().get(1);
    // Replace participant 1's track with a JSON document at the same key.
    pipeline.services().storage().putBytes(new StorageRef(PipelineHarness.DAILY_BUCKET, key),
        "{\"not\":\"audio\"}".getBytes(StandardCharsets.UTF_8), "application/json");
    DailyIngest.Started started = pipeline.process(recording);
    RunView run = run(started);
    assertEquals(RunStatus.FAILED, run.status());
    assertTrue(run.error().contains("track 1 (" + key + ")"), run.error());
    assertEquals(TranscriptStatus.ERROR, pipeline.services().transcripts().get(started.transcriptId()).status());
  }

  @Test
  void anUnreachableTranscriptionServiceIsRetriedThenNamedInTheRunAndTheTranscript() {
    Map<String, String> settings = PipelineHarness.localSettings(fakes, temp.resolve("unreachable"));
    settings.put("TRANSCRIPT_URL", StubHttpServer.unreachableUri().toString());
    try (PipelineHarness unreachable = new PipelineHarness(settings)) {
      SampleRecording recording = unreachable.sample(fakes, "asr-down", null);
      DailyIngest.Started started = unreachable.process(recording);
      RunView run = unreachable.await(started.runId());
      assertEquals(RunStatus.FAILED, run.status());
      assertTrue(run.error().contains("transcribe_track' failed after 4 attempts"), run.error());
      assertTrue(run.error().contains("unreachable"), run.error());
      assertEquals(TranscriptStatus.ERROR, unreachable.services().transcripts().get(started.transcriptId()).status());
    }
  }

  private static String transcriptFor(String recordingId, List<String> keys) {
    pipeline.services().meetings().saveRecording(new Recording(recordingId, PipelineHarness.DAILY_BUCKET, "x",
        Instant.now(), null, "room", keys));
    return pipeline.services().transcripts().transcriptForRecording(recordingId, null, null);
  }

  private static RunView trigger(String transcriptId, List<String> keys) {
    String recordingId = pipeline.services().transcripts().get(transcriptId).recordingId();
    UUID runId = pipeline.cairn().trigger(DiarizationPipeline.NAME, new DiarizationPipeline.Input(recordingId,
        keys.stream().map(DiarizationPipeline.Track::new).toList(), PipelineHarness.DAILY_BUCKET, transcriptId, null),
        TriggerOptions.NONE).id();
    return pipeline.await(runId);
  }

  private static long runCount() {
    return TestDatabase.queryLong("SELECT count(*) FROM " + pipeline.schema() + ".runs WHERE workflow_name = '"
        + DiarizationPipeline.NAME + "'");
  }

}
