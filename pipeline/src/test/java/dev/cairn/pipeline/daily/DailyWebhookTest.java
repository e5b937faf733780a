package dev.cairn.pipeline.daily;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DailyWebhookTest {
  private static final String TIMESTAMP = "1793714853";

  @Test
  void signatureOfTheFixtureVerifies() throws IOException {
    String secret = randomSecret();
    byte[] body = DailyRestClientTest.fixture("webhook.json").getBytes(StandardCharsets.UTF_8);
    String signature = DailyWebhookSignature.sign(secret, TIMESTAMP, body);

    assertTrue(DailyWebhookSignature.verify(secret, TIMESTAMP, body, signature));
    byte[] tampered = Arrays.copyOf(body, body.length);
    tampered[tampered.length / 2] ^= 1;
    assertFalse(DailyWebhookSignature.verify(secret, TIMESTAMP, tampered, signature));
    assertFalse(DailyWebhookSignature.verify(secret, "1793714854", body, signature));
    assertFalse(DailyWebhookSignature.verify(randomSecret(), TIMESTAMP, body, signature));
    assertFalse(DailyWebhookSignature.verify(secret, TIMESTAMP, body, null));
    assertFalse(DailyWebhookSignature.verify(secret, null, body, signature));
    assertFalse(DailyWebhookSignature.verify(secret, TIMESTAMP, body, "%%%not base64"));
  }

  @Test
  void signatureIsBase64HmacOfTimestampDotBodyWithTheDecodedSecret() throws Exception {
    // Independent recomputation, so sign() and verify() cannot agree on a wrong scheme.
    byte[] key = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String secret = Base64.getEncoder().encodeToString(key);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String expected = Base64.getEncoder().encodeToString(mac.doFinal("42.{}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, DailyWebhookSignature.sign(secret, "42", "{}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void malformedSecretIsAConfigurationErrorThatDoesNotEchoIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DailyWebhookSignature.decodeSecret("not*base64*secret"));
    assertTrue(e.getMessage().contains("not valid base64"), e.getMessage());
    assertFalse(e.getMessage().contains("not*base64*secret"));
    assertEquals("DAILY_WEBHOOK_SECRET is not set",
        assertThrows(IllegalArgumentException.class, () -> DailyWebhookSignature.decodeSecret("")).getMessage());
  }

  @Test
  void fixtureEventParses() throws IOException {
    DailyWebhookEvent event =
        DailyWebhookEvent.parse(DailyRestClientTest.fixture("webhook.json").getBytes(StandardCharsets.UTF_8));
    assertEquals("1.0.0", event.version());
    assertEquals(DailyWebhookEvent.RECORDING_READY, event.type());
    assertEquals(1793714853L, event.eventTs());
    assertFalse(event.isTest());
    DailyWebhookEvent.RecordingReady payload = event.payload();
    assertEquals(DailyRestClientTest.RECORDING_ID, payload.recordingId());
    assertEquals("product-sync-20261103140512", payload.roomName());
    assertEquals(1793714731L, payload.startTs());
    assertTrue(payload.isRawTracks());
    assertEquals("finished", payload.status());
    assertEquals(3, payload.maxParticipants());
    assertEquals(85, payload.duration());
    assertEquals("acme/product-sync-20261103140512/1793714731614", payload.s3Key());
    assertEquals(5, payload.tracks().size());
    assertEquals(4, payload.audioKeys().size(), "video dropped, screen audio kept until cam-audio filtering");
    assertEquals(3, DailyTrackKey.camAudioKeys(payload.audioKeys()).size());
  }

  @Test
  void otherEventTypesHaveNoPayloadAndFloatTimestampsAreTruncated() {
    DailyWebhookEvent event = DailyWebhookEvent.parse(
        "{\"version\":\"1.0.0\",\"type\":\"meeting.ended\",\"id\":\"e1\",\"event_ts\":1793714853.9,\"payload\":{}}"
            .getBytes(StandardCharsets.UTF_8));
    assertEquals("meeting.ended", event.type());
    assertEquals(1793714853L, event.eventTs());
    assertNull(event.payload());
  }

  @Test
  void dailysProbeIsATestEvent() {
    assertTrue(DailyWebhookEvent.parse("{\"test\":\"test\"}".getBytes(StandardCharsets.UTF_8)).isTest());
  }

  @Test
  void malformedBodiesNameTheFieldAtFault() {
    assertEquals("body is not JSON", parseError("{oops", "body").substring(0, 16));
    assertEquals("body is not a JSON object", parseError("[]", "body"));
    assertEquals("type is missing", parseError("{\"version\":\"1\"}", "type"));
    assertEquals("payload.recording_id is missing",
        parseError("{\"type\":\"recording.ready-to-download\",\"payload\":{\"room_name\":\"r\"}}",
            "payload.recording_id"));
    assertEquals("payload.tracks is not an array", parseError("{\"type\":\"recording.ready-to-download\","
        + "\"payload\":{\"recording_id\":\"r\",\"tracks\":{}}}", "payload.tracks"));
    assertTrue(parseError("{\"type\":\"a\"} {}", "body").contains("not JSON"), "content after the object");
    assertTrue(parseError("{\"type\":\"a\",\"type\":\"b\"}", "body").contains("not JSON"), "a field twice");
  }

  private static String parseError(String body, String field) {
    InvalidFieldException error = assertThrows(InvalidFieldException.class,
        () -> DailyWebhookEvent.parse(body.getBytes(StandardCharsets.UTF_8)));
    assertEquals(field, error.field());
    return error.getMessage();
  }

  private static String randomSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
