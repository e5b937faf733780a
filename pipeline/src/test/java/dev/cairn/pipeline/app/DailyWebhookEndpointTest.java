package dev.cairn.pipeline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.pipeline.daily.DailyWebhookSignature;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.SampleRecording;
import dev.cairn.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Daily webhook's failures: every refusal and every internal failure is answered with a status and a short JSON
 * error, and nothing is written for a delivery that is refused.
 */
class DailyWebhookEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static FakeServices fakes;
  private static PipelineHarness pipeline;

  @BeforeAll
  static void start() throws Exception {
    fakes = new FakeServices();
    Path storage = Files.createTempDirectory("webhook-endpoint");
    pipeline = new PipelineHarness(PipelineHarness.localSettings(fakes, storage.resolve("s")));
  }

  @AfterAll
  static void stop() {
    pipeline.close();
    fakes.close();
  }

  @Test
  void aRoomFolderWithAnImpossibleTimeIsRefusedNamingTheTrackKeyAndWritesNothing() throws Exception {
    ObjectNode body = webhook("folder");
    String json = body.toString().replace("-20261103140512/", "-99999999999999/");

    JsonNode error = refused(json, 400);
    assertTrue(error.path("error").asText().contains("s3Key"), error.toString());
  }

  @Test
  void aNulInTheRecordingIdIsRefusedNamingTheFieldAndWritesNothing() throws Exception {
    ObjectNode body = webhook("nul");
    ((ObjectNode) body.path("payload")).put("recording_id", "rec\u0000ording");

    JsonNode error = refused(body.toString(), 400);
    assertTrue(error.path("error").asText().contains("recording_id"), error.toString());
  }

  @Test
  void aTenThousandCharacterRecordingIdIsRefusedNotIgnoredAndWritesNothing() throws Exception {
    ObjectNode body = webhook("long");
    ((ObjectNode) body.path("payload")).put("recording_id", "r".repeat(10_000));

    JsonNode error = refused(body.toString(), 400);
    assertTrue(error.path("error").asText().contains("recording_id"), error.toString());
  }

  @Test
  void aSignedDeliveryFromLongAgoIsRefused() throws Exception {
    Map<String, Long> before = pipeline.rows();
    HttpResponse<String> reply = pipeline.postDailyWebhook(webhook("old").toString(), pipeline.dailySecret(),
        "1000000000");
    assertEquals(401, reply.statusCode(), reply.body());
    assertTrue(JSON.readTree(reply.body()).path("error").asText().contains("X-Webhook-Timestamp"), reply.body());
    assertEquals(before, pipeline.rows());
  }

  @Test
  void deliveriesAreAcceptedFiveMinutesEitherWayOfTheServersClockAndARepeatMapsToTheSameRun() throws Exception {
    Instant now = Instant.parse("2026-11-03T14:10:00Z");
    // Its own pipeline: the run this test starts keeps writing while the other tests count rows.
    try (PipelineHarness own = new PipelineHarness(PipelineHarness.localSettings(fakes,
            Files.createTempDirectory("webhook-window").resolve("s")));
        PipelineHttpServer server = own.httpServer().clock(Clock.fixed(now, ZoneOffset.UTC)).start()) {
      String body = own.sample(fakes, "window", null).webhookJson().toString();
      long at = now.getEpochSecond();
      Map<String, Long> before = own.rows();
      assertEquals(401, post(server, own.dailySecret(), body, at - 301).statusCode());
      assertEquals(401, post(server, own.dailySecret(), body, at + 301).statusCode());
      assertEquals(before, own.rows(), "a stale or future delivery writes nothing");

      JsonNode first = JSON.readTree(post(server, own.dailySecret(), body, at - 300).body());
      JsonNode repeated = JSON.readTree(post(server, own.dailySecret(), body, at - 300).body());
      JsonNode resigned = JSON.readTree(post(server, own.dailySecret(), body, at + 300).body());
      assertEquals("ok", first.path("status").asText(), first.toString());
      assertEquals(first.path("run_id"), repeated.path("run_id"), "the same delivery again: the same run");
      assertEquals(first.path("run_id"), resigned.path("run_id"), "a redelivery signed later: the same run");
      assertEquals(first.path("transcript_id"), resigned.path("transcript_id"));
    }
  }

  @Test
  void aFailureInsideTheHandlerIsAnswered500WithAShortJsonErrorWithoutSqlOrJavaText() throws Exception {
    String table = pipeline.pipelineSchema() + ".recording";
    TestDatabase.execute("ALTER TABLE " + table + " RENAME TO recording_elsewhere");
    try {
      HttpResponse<String> reply = pipeline.postDailyWebhook(webhook("broken").toString(), pipeline.dailySecret());
      assertEquals(500, reply.statusCode(), reply.body());
      assertEquals("application/json", reply.headers().firstValue("Content-Type").orElse(""));
      String error = JSON.readTree(reply.body()).path("error").asText();
      assertFalse(error.isEmpty(), reply.body());
      assertTrue(reply.body().length() < 300, reply.body());
      for (String leak : new String[] {"SQL", "select", "insert", "relation", "Exception", "at dev.", "recording"}) {
        assertFalse(reply.body().toLowerCase().contains(leak.toLowerCase()), leak + " leaks: " + reply.body());
      }
    } finally {
      TestDatabase.execute("ALTER TABLE " + pipeline.pipelineSchema() + ".recording_elsewhere RENAME TO recording");
    }
  }

  /** Posts a signed body that must be refused with {@code status}; returns the error body, checked for shape. */
  private static JsonNode refused(String body, int status) throws Exception {
    Map<String, Long> before = pipeline.rows();
    HttpResponse<String> reply = pipeline.postDailyWebhook(body, pipeline.dailySecret());
    assertEquals(status, reply.statusCode(), reply.body());
    assertEquals("application/json", reply.headers().firstValue("Content-Type").orElse(""));
    assertTrue(reply.body().length() <= 1000, "bounded: " + reply.body().length() + " characters");
    assertEquals(before, pipeline.rows(), "nothing written");
    return JSON.readTree(reply.body());
  }

  private static HttpResponse<String> post(PipelineHttpServer server, String secret, String body, long timestamp)
      throws Exception {
    String stamp = Long.toString(timestamp);
    String signature = DailyWebhookSignature.sign(secret, stamp, body.getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + PipelineHttpServer.DAILY_WEBHOOK_PATH))
        .header("X-Webhook-Timestamp", stamp).header("X-Webhook-Signature", signature)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static ObjectNode webhook(String name) {
    SampleRecording recording = pipeline.sample(fakes, name, null);
    return recording.webhookJson();
  }
}
