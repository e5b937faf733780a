package dev.cairn.pipeline.daily;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a delivery to the Daily webhook is Daily's and fresh: its {@code X-Webhook-Timestamp} lies within
 * {@code window} of this server's clock, either way, and its {@code X-Webhook-Signature} verifies
 * ({@link DailyWebhookSignature}). The signature covers the timestamp, so a captured delivery cannot be re-dated:
 * replaying it only works inside the window, where the recording id still maps it to the same run.
 *
 * <p>Thread-safe and immutable. Reasons never contain the secret or more than the length of a header.
 */
public final class DailyWebhookVerifier {
  /**
   * How far a delivery's timestamp may lie from this server's clock: 5 minutes either way, the tolerance Stripe,
   * Slack and the Standard Webhooks specification use (Daily documents none; upstream checks none).
   */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");

  private final byte[] key;
  private final Clock clock;
  private final Duration window;

  /**
   * @param base64Secret {@code DAILY_WEBHOOK_SECRET}; refused here when malformed, not per request
   * @param clock the clock deliveries are dated against (tests pass a fixed one)
   * @param window how far either way a timestamp may lie; positive
   */
  public DailyWebhookVerifier(String base64Secret, Clock clock, Duration window) {
    this.key = DailyWebhookSignature.decodeSecret(base64Secret);
    if (key.length == 0) {
      throw new IllegalArgumentException("DAILY_WEBHOOK_SECRET decodes to no bytes");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("webhook window must be positive, got " + window);
    }
    this.window = window;
  }

  /** Empty when the delivery is authentic and fresh; otherwise why it is refused. */
  public Optional<String> refusal(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null) {
      return Optional.of("X-Webhook-Timestamp and X-Webhook-Signature are required");
    }
    if (!EPOCH_SECONDS.matcher(timestamp).matches()) {
      return Optional.of("X-Webhook-Timestamp must be epoch seconds (" + timestamp.length() + " characters given)");
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
    if (skew > window.toSeconds()) {
      return Optional.of("X-Webhook-Timestamp is " + skew + " s away from this server's clock; at most "
          + window.toSeconds() + " s are accepted");
    }
    if (signature.length() > 200 || !DailyWebhookSignature.verify(key, timestamp, body, signature)) {
      return Optional.of("invalid webhook signature");
    }
    return Optional.empty();
  }
}
