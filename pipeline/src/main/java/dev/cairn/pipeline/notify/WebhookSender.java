package dev.cairn.pipeline.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the {@code transcript.completed} webhook to a room's URL (upstream §8.3), signed when the room has a
 * secret, retrying 5xx answers, network errors and timeouts with exponential backoff. 4xx and 3xx answers are
 * final: the receiver rejected the call and repeating it will not help. Redirects are not followed, as upstream.
 *
 * <p>Never throws for HTTP or network trouble — it returns a {@link WebhookOutcome} — but an interrupt (the
 * engine cancelling or timing out the step) ends it at once with {@link InterruptedException}. Messages and logs
 * name the URL's host only, since webhook URLs often carry a token in the path or query. Thread-safe.
 */
public final class WebhookSender {
  /** Upstream's request timeout. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final String EVENT = "transcript.completed";
  public static final String USER_AGENT = "Reflector-Webhook/1.0";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final WebhookRetryPolicy policy;
  private final Duration requestTimeout;
  private final Clock clock;
  private final HttpClient http;

  /** Default policy and timeout, system clock. */
  public WebhookSender() {
    this(WebhookRetryPolicy.DEFAULT, DEFAULT_REQUEST_TIMEOUT, Clock.systemUTC());
  }

  /**
   * @param policy retry policy; required
   * @param requestTimeout per attempt (connect plus answer), positive
   * @param clock source of the signature's timestamp; required
   */
  public WebhookSender(WebhookRetryPolicy policy, Duration requestTimeout, Clock clock) {
    if (policy == null || clock == null) {
      throw new IllegalArgumentException("webhook sender needs a retry policy and a clock");
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("webhook requestTimeout must be positive, got " + requestTimeout);
    }
    this.policy = policy;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Delivers {@code jsonBody} to {@code url}.
   *
   * @param secret the room's webhook secret; null or empty sends no signature
   * @throws IllegalArgumentException if the URL is not absolute http(s) or the body is missing
   * @throws InterruptedException if the thread is interrupted while sending or waiting to retry
   */
  public WebhookOutcome deliver(URI url, String secret, byte[] jsonBody) throws InterruptedException {
    requireValid(url, jsonBody);
    Integer lastStatus = null;
    String error = null;
    for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
      if (attempt > 1) {
        Thread.sleep(policy.backoffBefore(attempt - 1).toMillis());
      }
      try {
        int status = http.send(request(url, secret, jsonBody, attempt - 1), HttpResponse.BodyHandlers.discarding())
            .statusCode();
        lastStatus = status;
        if (status / 100 == 2) {
          return new WebhookOutcome(true, attempt, status, null);
        }
        error = "answered " + status;
        if (status < 500) {
          LOG.warn("webhook to {} {}; not retrying a {}", url.getHost(), error, status);
          return new WebhookOutcome(false, attempt, status, error);
        }
      } catch (IOException e) {
        // Includes HttpTimeoutException and ConnectException: the receiver may be back soon, so retry.
        error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      LOG.warn("webhook to {} attempt {}/{} failed: {}", url.getHost(), attempt, policy.maxAttempts(), error);
    }
    return new WebhookOutcome(false, policy.maxAttempts(), lastStatus, error);
  }

  @Override
  public String toString() {
    return "WebhookSender[" + policy + ", timeout " + requestTimeout + "]";
  }

  private HttpRequest request(URI url, String secret, byte[] body, int retry) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout)
        .header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
        .header("X-Webhook-Event", EVENT).header("X-Webhook-Retry", Integer.toString(retry))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null && !secret.isEmpty()) {
      // Signed per attempt, so a receiver that rejects stale timestamps accepts a late retry.
      request.header("X-Webhook-Signature", WebhookSignature.sign(secret, clock.instant().getEpochSecond(), body));
    }
    return request.build();
  }

  private static void requireValid(URI url, byte[] body) {
    if (url == null || !url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new IllegalArgumentException("webhook URL must be an absolute http(s) URL");
    }
    if (body == null) {
      throw new IllegalArgumentException("webhook body is missing");
    }
  }
}
