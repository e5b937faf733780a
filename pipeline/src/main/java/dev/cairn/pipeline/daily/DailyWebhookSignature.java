package dev.cairn.pipeline.daily;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on Daily's incoming webhooks (upstream §1.1, §8.4): HMAC-SHA256 keyed with the base64-decoded
 * {@code DAILY_WEBHOOK_SECRET} over {@code "{X-Webhook-Timestamp}.{raw body}"}, base64-encoded, in
 * {@code X-Webhook-Signature}. Not to be confused with the outgoing webhook's hex {@code t=…,v1=…} header.
 *
 * <p>Stateless and thread-safe. Messages never contain the secret.
 */
public final class DailyWebhookSignature {
  private static final String HMAC = "HmacSHA256";

  private DailyWebhookSignature() {}

  /**
   * Decodes the configured secret; call it when reading configuration so a bad secret stops startup instead of
   * failing every webhook with 401.
   *
   * @throws IllegalArgumentException if the secret is missing or not base64 (the message does not echo it)
   */
  public static byte[] decodeSecret(String base64Secret) {
    if (base64Secret == null || base64Secret.isBlank()) {
      throw new IllegalArgumentException("DAILY_WEBHOOK_SECRET is not set");
    }
    try {
      return Base64.getDecoder().decode(base64Secret.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DAILY_WEBHOOK_SECRET is not valid base64 (" + base64Secret.length()
          + " characters)");
    }
  }

  /** The header value Daily would send for this body and timestamp. */
  public static String sign(String base64Secret, String timestamp, byte[] rawBody) {
    return sign(decodeSecret(base64Secret), timestamp, rawBody);
  }

  /** As {@link #sign(String, String, byte[])} with an already decoded key. */
  public static String sign(byte[] key, String timestamp, byte[] rawBody) {
    return Base64.getEncoder().encodeToString(digest(key, timestamp, rawBody));
  }

  /**
   * Whether {@code signatureHeader} is Daily's signature of this exact body and timestamp. A missing header,
   * timestamp or body, or a header that is not base64, is simply not a valid signature.
   *
   * @throws IllegalArgumentException if the configured secret itself is malformed
   */
  public static boolean verify(String base64Secret, String timestamp, byte[] rawBody, String signatureHeader) {
    return verify(decodeSecret(base64Secret), timestamp, rawBody, signatureHeader);
  }

  /** As {@link #verify(String, String, byte[], String)} with an already decoded key. */
  public static boolean verify(byte[] key, String timestamp, byte[] rawBody, String signatureHeader) {
    if (timestamp == null || rawBody == null || signatureHeader == null) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(signatureHeader.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    // Constant-time, so response timing does not reveal how much of a forged signature was right.
    return MessageDigest.isEqual(digest(key, timestamp, rawBody), given);
  }

  private static byte[] digest(byte[] key, String timestamp, byte[] rawBody) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("Daily webhook key is empty");
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(rawBody);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }
}
