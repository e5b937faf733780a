package dev.cairn.internal.validate;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered run ids (UUID version 7): new runs land at the right end of the primary key index instead of
 * all over it. Thread-safe.
 */
public final class RunIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  /**
   * The UUID written in canonical form (36 characters, hex digits and dashes at 8, 13, 18 and 23), or null for
   * anything else (UUID.fromString accepts shorter, surprising forms such as "1-1-1-1-1").
   */
  public static UUID parse(String text) {
    if (text == null || text.length() != 36) {
      return null;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : Character.digit(c, 16) < 0) {
        return null;
      }
    }
    return UUID.fromString(text);
  }

  public static UUID next() {
    long millis = System.currentTimeMillis();
    long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
    long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
