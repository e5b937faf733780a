package dev.cairn.pipeline.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The outgoing webhook's {@code X-Webhook-Signature} header (upstream §8.3, §8.4): {@code t={unix seconds},v1={hex}}
 * where {@code hex} is the lowercase HMAC-SHA256 keyed with the room's secret as UTF-8 over {@code "{t}.{body}"}.
 * Receivers verify with {@link #verify}. Stateless and thread-safe; messages never contain the secret.
 */
public final class WebhookSignature {
  private static final String HMAC = "HmacSHA256";

  private WebhookSignature() {}

  /** The header value for this body sent at {@code unixSeconds}. */
  public static String sign(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + hex(secret, Long.toString(unixSeconds), body);
  }

  /**
   * Whether {@code header} is a valid signature of {@code body} under {@code secret}. A missing or malformed
   * header is simply invalid. Checking that {@code t} is recent (against replays) is the receiver's choice.
   */
  public static boolean verify(String secret, String header, byte[] body) {
    if (header == null || body == null) {
      return false;
    }
    String timestamp = null;
    String given = null;
    for (String part : header.split(",")) {
      String item = part.strip();
      if (item.startsWith("t=")) {
        timestamp = item.substring(2);
      } else if (item.startsWith("v1=")) {
        given = item.substring(3);
      }
    }
    if (timestamp == null || given == null || !timestamp.matches("\\d+")) {
      return false;
    }
    // Constant-time, so response timing does not reveal how much of a forged signature was right.
    return MessageDigest.isEqual(hex(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
        given.getBytes(StandardCharsets.US_ASCII));
  }

  private static String hex(String secret, String timestamp, byte[] body) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("webhook secret is empty");
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }
}
