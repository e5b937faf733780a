package dev.cairn.pipeline.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.pipeline.testing.StubHttpServer.Response;
import dev.cairn.pipeline.testing.StubHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
  private static final String PATH = "/hooks/reflector";
  private static final String SECRET = "room-secret-ü";
  private static final byte[] BODY =
      "{\"event\":\"transcript.completed\",\"transcript\":{\"id\":\"tr-1\",\"title\":\"Sync – ü\"}}"
          .getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-11-03T14:10:00Z");
  private static final WebhookRetryPolicy FAST =
      new WebhookRetryPolicy(4, Duration.ofMillis(10), 2, Duration.ofMillis(40));

  private final StubHttpServer server = StubHttpServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void serverErrorsAreRetriedUntilDelivered() throws Exception {
    server.onSequence("POST", PATH, Response.text(500, "boom"), Response.text(502, "bad gateway"),
        Response.text(200, "ok"));
    WebhookOutcome outcome = sender(Duration.ofSeconds(5)).deliver(url(), SECRET, BODY);

    assertEquals(new WebhookOutcome(true, 3, 200, null), outcome);
    List<StubHttpServer.Request> requests = server.requests(PATH);
    assertEquals(List.of("0", "1", "2"), requests.stream().map(r -> r.header("X-Webhook-Retry")).toList());
    for (StubHttpServer.Request request : requests) {
      assertEquals("application/json", request.header("Content-Type"));
      assertEquals("Reflector-Webhook/1.0", request.header("User-Agent"));
      assertEquals("transcript.completed", request.header("X-Webhook-Event"));
    }
  }

  @Test
  void clientErrorsAreNotRetried() throws Exception {
    server.on("POST", PATH, request -> Response.json(400, "{\"error\":\"bad payload\"}"));
    WebhookOutcome outcome = sender(Duration.ofSeconds(5)).deliver(url(), SECRET, BODY);

    assertFalse(outcome.delivered());
    assertEquals(1, outcome.attempts());
    assertEquals(400, outcome.lastStatus());
    assertEquals("answered 400", outcome.error());
    assertEquals(1, server.requests(PATH).size());
  }

  @Test
  void redirectsAreNeitherFollowedNorRetried() throws Exception {
    server.on("POST", PATH, request -> new Response(302, Map.of("Location", "/elsewhere"), new byte[0]));
    WebhookOutcome outcome = sender(Duration.ofSeconds(5)).deliver(url(), null, BODY);
    assertEquals(new WebhookOutcome(false, 1, 302, "answered 302"), outcome);
    assertTrue(server.requests("/elsewhere").isEmpty());
  }

  @Test
  void unreachableReceiverIsRetriedMaxAttemptsTimesWithoutThrowing() throws Exception {
    URI nowhere = URI.create(StubHttpServer.unreachableUri() + PATH);
    WebhookOutcome outcome = sender(Duration.ofSeconds(5)).deliver(nowhere, SECRET, BODY);

    assertFalse(outcome.delivered());
    assertEquals(FAST.maxAttempts(), outcome.attempts());
    assertNull(outcome.lastStatus());
    assertTrue(outcome.error().startsWith("ConnectException"), outcome.error());
  }

  @Test
  void slowReceiverTimesOutAndIsRetried() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    String slowPath = "/hooks/slow";
    server.on("POST", slowPath, request -> {
      awaitQuietly(release);
      return Response.text(200, "late");
    });
    WebhookRetryPolicy twice = new WebhookRetryPolicy(2, Duration.ofMillis(10), 2, Duration.ofMillis(10));
    WebhookOutcome outcome = new WebhookSender(twice, Duration.ofMillis(300), fixedClock())
        .deliver(URI.create(server.baseUri() + slowPath), null, BODY);
    release.countDown();

    assertFalse(outcome.delivered());
    assertNull(outcome.lastStatus());
    assertEquals(2, outcome.attempts());
    assertTrue(outcome.error().startsWith("HttpTimeoutException"), outcome.error());
  }

  @Test
  void signatureHeaderVerifiesAgainstTheExactBody() throws Exception {
    server.on("POST", PATH, request -> Response.text(204, ""));
    sender(Duration.ofSeconds(5)).deliver(url(), SECRET, BODY);

    StubHttpServer.Request request = server.requests(PATH).get(0);
    String header = request.header("X-Webhook-Signature");
    assertTrue(header.matches("t=" + NOW.getEpochSecond() + ",v1=[0-9a-f]{64}"), header);
    assertTrue(WebhookSignature.verify(SECRET, header, request.body()));
    assertFalse(WebhookSignature.verify("other-secret", header, request.body()));
    assertFalse(WebhookSignature.verify(SECRET, header, "{}".getBytes(StandardCharsets.UTF_8)));
    assertFalse(WebhookSignature.verify(SECRET, header.replace("t=", "t=1"), request.body()));
  }

  @Test
  void signatureIsLowercaseHexHmacOfTimestampDotBody() throws Exception {
    // Independent recomputation, so sign() and verify() cannot agree on a wrong scheme.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update("1700000000.".getBytes(StandardCharsets.UTF_8));
    String hex = HexFormat.of().formatHex(mac.doFinal(BODY));
    assertEquals("t=1700000000,v1=" + hex, WebhookSignature.sign(SECRET, 1_700_000_000L, BODY));
  }

  @Test
  void noSecretMeansNoSignatureHeader() throws Exception {
    server.on("POST", PATH, request -> Response.text(200, "ok"));
    assertTrue(sender(Duration.ofSeconds(5)).deliver(url(), null, BODY).delivered());
    assertTrue(sender(Duration.ofSeconds(5)).deliver(url(), "", BODY).delivered());
    server.requests(PATH).forEach(request -> assertNull(request.header("X-Webhook-Signature")));
  }

  @Test
  void interruptDuringBackoffPropagates() throws Exception {
    server.on("POST", PATH, request -> Response.text(503, "busy"));
    WebhookRetryPolicy slow = new WebhookRetryPolicy(3, Duration.ofMinutes(5), 2, Duration.ofMinutes(5));
    WebhookSender sender = new WebhookSender(slow, Duration.ofSeconds(5), fixedClock());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        sender.deliver(url(), null, BODY);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    worker.start();
    server.awaitRequests(PATH, 1, Duration.ofSeconds(5));
    worker.interrupt();
    worker.join(TimeUnit.SECONDS.toMillis(5));

    assertFalse(worker.isAlive());
    assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    assertEquals(1, server.requests(PATH).size());
  }

  @Test
  void policyBackoffGrowsAndIsCapped() {
    WebhookRetryPolicy policy = WebhookRetryPolicy.DEFAULT;
    assertEquals(5, policy.maxAttempts());
    assertEquals(Duration.ofSeconds(2), policy.backoffBefore(1));
    assertEquals(Duration.ofSeconds(16), policy.backoffBefore(4));
    assertEquals(Duration.ofSeconds(60), policy.backoffBefore(10));
    assertThrows(IllegalArgumentException.class,
        () -> new WebhookRetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class,
        () -> new WebhookRetryPolicy(3, Duration.ofSeconds(10), 2, Duration.ofSeconds(1)));
  }

  @Test
  void badUrlIsACallerError() {
    assertThrows(IllegalArgumentException.class,
        () -> sender(Duration.ofSeconds(1)).deliver(URI.create("relative/path"), null, BODY));
    assertThrows(IllegalArgumentException.class, () -> sender(Duration.ofSeconds(1)).deliver(url(), null, null));
  }

  private WebhookSender sender(Duration timeout) {
    return new WebhookSender(FAST, timeout, fixedClock());
  }

  private URI url() {
    return URI.create(server.baseUri() + PATH + "?token=abc");
  }

  private static Clock fixedClock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
